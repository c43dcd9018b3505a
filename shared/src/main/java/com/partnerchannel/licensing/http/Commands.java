package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.observability.Metrics;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.tenancy.model.Actor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a POST: decide, then commit the decision with the request's idempotency record in one
 * transaction. When another writer got there first, decide again on fresh state (the rules then say
 * what the caller should hear, such as "order is assigned").
 *
 * <p>Authorization comes before any replay: the rules decide first, so a caller who may not do the
 * request (another role, another tenant's id) is refused as anyone else would be, whatever key it
 * sends. A repeat of a done request then meets the state it made (the order is already rejected, the
 * record already exists) and is answered the first response; the same key with another request is a
 * 422. Repeats sent at once all get the first response too: whichever commits first, the others find
 * its record when their own commit or their rules refuse. Between attempts it waits a capped,
 * fully jittered exponential backoff ({@link Backoff}).
 */
public final class Commands {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_ATTEMPTS = 4;
    static final int MAX_KEY_LENGTH = 255;

    private final Transactions transactions;
    private final Backoff backoff;

    public Commands(Transactions transactions) {
        this(transactions, Backoff.standard());
    }

    /** With the wait between attempts after a conflict given (tests record it rather than sleep). */
    public Commands(Transactions transactions, Backoff backoff) {
        this.transactions = transactions;
        this.backoff = backoff;
    }

    public <T> APIGatewayV2HTTPResponse run(ApiRequest request, int status, Supplier<Decision<T>> decide,
                                            Function<T, Object> view) {
        return run(request, status, decide, view, result -> {
        });
    }

    /** As {@link #run}, and adds 1 to the metric {@code counted} when the command commits (never on a replay). */
    public <T> APIGatewayV2HTTPResponse run(ApiRequest request, int status, Supplier<Decision<T>> decide,
                                            Function<T, Object> view, String counted) {
        return run(request, status, decide, view, result -> Metrics.count(counted, 1));
    }

    /** As {@link #run}, and {@code count}s the result in {@link Metrics} when the command commits (never on a replay). */
    public <T> APIGatewayV2HTTPResponse run(ApiRequest request, int status, Supplier<Decision<T>> decide,
                                            Function<T, Object> view, Consumer<T> count) {
        Actor actor = request.actor();
        Optional<String> key = key(request);
        String hash = hash(request);
        // The work after a commit this run may have made unawares: a commit whose answer was lost, and whose
        // resend by the SDK met another writer, is a ConcurrentChange here, and the next attempt finds it done.
        Runnable owedAfterCommit = () -> {
        };
        for (int attempt = 1; ; attempt++) {
            Decision<T> decision;
            try {
                decision = decide.get();
            } catch (Problem refused) {
                // Refused by the state a first request with this key made (never by who may do it): answer
                // what the first request answered.
                boolean whoMay = refused.kind() == Problem.Kind.FORBIDDEN || refused.kind() == Problem.Kind.NOT_FOUND;
                Optional<APIGatewayV2HTTPResponse> first = whoMay ? Optional.empty()
                        : key.flatMap(k -> replay(actor, k, hash));
                if (first.isPresent()) {
                    owedAfterCommit.run();
                    return first.get();
                }
                throw refused;
            }
            String body = Json.write(view.apply(decision.result()));
            Optional<IdempotencyRecord> record = key.map(k -> new IdempotencyRecord(actor.companyId().value(),
                    actor.userId().value(), k, hash, status, body));
            try {
                transactions.commit(decision.changes(), record);
                decision.afterCommit().run();
                count.accept(decision.result());
                return Responses.json(status, body);
            } catch (Transactions.RequestAlreadyDone e) {
                // Done before, or the same request sent twice at once and the other one committed first.
                Optional<APIGatewayV2HTTPResponse> first = replay(actor, key.orElseThrow(), hash);
                if (first.isPresent()) owedAfterCommit.run();
                return first.orElseThrow(() -> e);
            } catch (Transactions.ConcurrentChange e) {
                if (key.isPresent()) owedAfterCommit = decision.afterCommit();
                if (attempt == MAX_ATTEMPTS) {
                    throw Problem.keptChanging("the resource kept changing while this request ran; try again");
                }
                // Spread out: the writers it collided with would otherwise all come back at once.
                backoff.beforeRetry(attempt);
            }
        }
    }

    /**
     * Runs a POST too large for one transaction. {@code authorize} refuses a caller who may not make the
     * request before any stored response is looked at. The operation itself must be safe to run again
     * (it is given the key to derive its ids from); its response is stored under the key once it is done,
     * and a repeat (or a twin that finished second) answers the stored one.
     */
    public <T> APIGatewayV2HTTPResponse runBulk(ApiRequest request, Runnable authorize,
                                                Function<Optional<String>, T> operation,
                                                Function<T, Integer> status, Function<T, Object> view) {
        return runBulk(request, () -> {
            authorize.run();
            return null;
        }, (authorised, key) -> operation.apply(key), status, (authorised, result) -> view.apply(result));
    }

    /**
     * As above, where {@code authorize} answers what it read to decide (the company, say): the operation
     * and the view are given it, so the request reads it once.
     */
    public <A, T> APIGatewayV2HTTPResponse runBulk(ApiRequest request, Supplier<A> authorize,
                                                   BiFunction<A, Optional<String>, T> operation,
                                                   Function<T, Integer> status, BiFunction<A, T, Object> view) {
        Actor actor = request.actor();
        Optional<String> key = key(request);
        String hash = hash(request);
        A authorised = authorize.get();
        Optional<APIGatewayV2HTTPResponse> done = key.flatMap(k -> replay(actor, k, hash));
        if (done.isPresent()) return done.get();
        T result = operation.apply(authorised, key);
        int code = status.apply(result);
        String body = Json.write(view.apply(authorised, result));
        if (key.isPresent()) {
            IdempotencyRecord record = new IdempotencyRecord(actor.companyId().value(), actor.userId().value(), key.get(),
                    hash, code, body);
            for (int attempt = 1; ; attempt++) {
                try {
                    transactions.commit(java.util.List.of(), Optional.of(record));
                    break;
                } catch (Transactions.RequestAlreadyDone e) {
                    return replay(actor, key.get(), hash).orElseThrow(() -> e);
                } catch (Transactions.ConcurrentChange e) {
                    // The work is done; only its record met a conflict. A repeat with the key redoes nothing.
                    if (attempt == MAX_ATTEMPTS) {
                        throw Problem.keptChanging("the request was done but its Idempotency-Key could not be recorded;"
                                + " send it again with the same key");
                    }
                    backoff.beforeRetry(attempt);
                }
            }
        }
        return Responses.json(code, body);
    }

    /** The request's Idempotency-Key, checked (400 if it is not visible ASCII or too long). */
    public static Optional<String> idempotencyKey(ApiRequest request) {
        return key(request);
    }

    private static Optional<String> key(ApiRequest request) {
        Optional<String> sent = request.header(IDEMPOTENCY_KEY);
        // Visible ASCII, as the Idempotency-Key draft's sf-string, so that the key also fits DynamoDB's sort
        // key; checked before trimming, which would quietly drop a control character at either end.
        if (sent.isPresent() && !sent.get().chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw Problem.invalid(IDEMPOTENCY_KEY, "must be visible ASCII characters and spaces");
        }
        Optional<String> key = sent.map(String::trim).filter(k -> !k.isEmpty());
        if (key.isPresent() && key.get().length() > MAX_KEY_LENGTH) {
            throw Problem.invalid(IDEMPOTENCY_KEY, "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private Optional<APIGatewayV2HTTPResponse> replay(Actor actor, String key, String hash) {
        return transactions.findRecord(actor.companyId().value(), actor.userId().value(), key).map(record -> {
            if (!record.requestHash().equals(hash)) throw new KeyReused(key);
            return Responses.replay(record.status(), record.body());
        });
    }

    /** What makes two requests the same: the route, its path parameters and the body. */
    static String hash(ApiRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.routeKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(request.pathParameters().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(request.body().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same Idempotency-Key sent with another request: answered 422. */
    public static final class KeyReused extends RuntimeException {
        public KeyReused(String key) {
            super("Idempotency-Key " + key + " was already used for a different request; use a new key");
        }
    }
}
