package com.partnerchannel.licensing.faults;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which faults to inject and how often: {@code dynamodb-conflict=0.3,dynamodb-throttle=0.05} gives
 * each named fault the share of calls it befalls. An unknown name, or a rate outside 0..1, is refused
 * with the names that exist, so a typo fails at start rather than quietly injecting nothing.
 */
public record Faults(Map<Fault, Double> rates, long seed) {

    /** A fault AWS shows under contention or load, by the name the runner's {@code --faults} takes. */
    public enum Fault {
        /** A transaction cancelled with TransactionConflict; a single-item write refused with TransactionConflictException. */
        DYNAMODB_CONFLICT("dynamodb-conflict"),
        /** ProvisionedThroughputExceeded, Throttling or RequestLimitExceeded (the SDK retries these). */
        DYNAMODB_THROTTLE("dynamodb-throttle"),
        /** A 500 InternalServerError before the request reaches the table (the SDK retries it). */
        DYNAMODB_SERVER_ERROR("dynamodb-server-error"),
        /** A write that commits, whose answer is then lost: the client sees a 500 and retries into its own write. */
        DYNAMODB_AMBIGUOUS_COMMIT("dynamodb-ambiguous-commit"),
        /** SES v2 SendEmail refused with TooManyRequestsException (429): the maximum sending rate exceeded. */
        SES_THROTTLE("ses-throttle"),
        /** SES v2 SendEmail refused with a ThrottlingException "Daily message quota exceeded". */
        SES_QUOTA_EXCEEDED("ses-quota-exceeded"),
        /** EventBridge PutEvents refused as a whole with ThrottlingException (the SDK retries it). */
        EVENTBRIDGE_THROTTLE("eventbridge-throttle"),
        /** An entry of a PutEvents call not taken: the call succeeds, the entry comes back with an ErrorCode. */
        EVENTBRIDGE_FAILED_ENTRY("eventbridge-failed-entry");

        public final String label;

        Fault(String label) {
            this.label = label;
        }

        static Fault named(String label) {
            return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + label + "'; the faults are "
                            + Arrays.stream(values()).map(f -> f.label).collect(Collectors.joining(", "))));
        }
    }

    public Faults {
        EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
        rates.forEach((fault, rate) -> {
            if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException(fault.label + " must be a rate from 0 to 1, not " + rate);
            copy.put(fault, rate);
        });
        rates = Collections.unmodifiableMap(copy);
    }

    /** Parses {@code name=rate,name=rate}; an empty text is no faults. */
    public static Faults parse(String text, long seed) {
        EnumMap<Fault, Double> rates = new EnumMap<>(Fault.class);
        for (String entry : text.split(",")) {
            if (entry.isBlank()) continue;
            String[] parts = entry.split("=", 2);
            if (parts.length != 2) throw new IllegalArgumentException("a fault is name=rate, not '" + entry.trim() + "'");
            Fault fault = Fault.named(parts[0].trim());
            double rate;
            try {
                rate = Double.parseDouble(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(fault.label + " must be a rate from 0 to 1, not '" + parts[1].trim() + "'");
            }
            if (rates.put(fault, rate) != null) throw new IllegalArgumentException(fault.label + " is given twice");
        }
        return new Faults(rates, seed);
    }

    public double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }

    public boolean any() {
        return rates.values().stream().anyMatch(rate -> rate > 0);
    }

    /** Whether any fault whose name starts with {@code service} ({@code "ses-"}, {@code "dynamodb-"}) has a rate. */
    public boolean anyOf(String service) {
        return rates.entrySet().stream().anyMatch(e -> e.getKey().label.startsWith(service) && e.getValue() > 0);
    }

    /** As {@code --faults} takes it, for the runner's banner. */
    public String describe() {
        return rates.entrySet().stream().map(e -> e.getKey().label + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
