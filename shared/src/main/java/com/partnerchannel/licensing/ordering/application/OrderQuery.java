package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Validation;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The filters of {@code GET /orders}. {@code from} and {@code to} bound {@code requestedAt}, both inclusive. */
public record OrderQuery(Optional<OrderStatus> status, Optional<CompanyId> companyId, Optional<OrderKind> kind,
                         Optional<Instant> from, Optional<Instant> to) {

    public static OrderQuery all() {
        return new OrderQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static OrderQuery of(String status, String companyId, String kind, String from, String to) {
        Validation validation = new Validation();
        Optional<OrderStatus> parsedStatus = Optional.empty();
        if (present(status)) {
            try {
                parsedStatus = Optional.of(OrderStatus.valueOf(status.trim()));
            } catch (IllegalArgumentException e) {
                validation.add("status", "must be requested, assigned, rejected or cancelled");
            }
        }
        Optional<OrderKind> parsedKind = Optional.empty();
        if (present(kind)) {
            parsedKind = OrderKind.fromWire(kind.trim());
            if (parsedKind.isEmpty()) validation.add("kind", "must be new or upgrade");
        }
        Optional<Instant> parsedFrom = instant(validation, "from", from);
        Optional<Instant> parsedTo = instant(validation, "to", to);
        if (parsedFrom.isPresent() && parsedTo.isPresent() && parsedFrom.get().isAfter(parsedTo.get())) {
            validation.add("to", "must not be before from");
        }
        validation.throwIfInvalid();
        return new OrderQuery(parsedStatus,
                present(companyId) ? Optional.of(new CompanyId(IdShape.require("companyId", companyId.trim()))) : Optional.empty(),
                parsedKind, parsedFrom, parsedTo);
    }

    public static Optional<OrderStatus> status(String status) {
        return of(status, null, null, null, null).status();
    }

    private static Optional<Instant> instant(Validation validation, String field, String value) {
        if (!present(value)) return Optional.empty();
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.LocalDate.parse(value.trim()).atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant().plusSeconds(field.equals("to") ? 86_399 : 0));
            } catch (DateTimeParseException notADate) {
                validation.add(field, "must be an ISO-8601 date or timestamp, such as 2026-11-22 or 2026-11-22T10:00:00Z");
                return Optional.empty();
            }
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

}
