package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import java.util.Random;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every injector shares: the rates and seed of {@link Faults}, one seeded random per injector (so a
 * seed replays the same faults per service), a count of the faults thrown, and a switch. A subclass draws
 * inside {@code synchronized (random)}, in a fixed order, so concurrent calls cannot reorder one call's draws.
 */
public abstract class FaultInjector {
    protected final Faults faults;
    protected final Random random;
    private final AtomicLong injected = new AtomicLong();
    private final AtomicBoolean on = new AtomicBoolean(true);

    /** @param salt mixed into the seed, so that two services' injectors with one seed draw differently */
    protected FaultInjector(Faults faults, long salt) {
        this.faults = faults;
        this.random = new Random(faults.seed() ^ salt);
    }

    /** How many faults this injector has injected so far. */
    public long injected() {
        return injected.get();
    }

    /** Off, calls go through untouched (the runner seeds its demo companies so); on again, faults resume. */
    public void switchOn(boolean on) {
        this.on.set(on);
    }

    protected boolean isOn() {
        return on.get();
    }

    /** Whether {@code fault} strikes this time; call while holding {@code random}'s lock. */
    protected boolean draw(Fault fault) {
        double rate = faults.rate(fault);
        return rate > 0 && random.nextDouble() < rate;
    }

    protected void count(int thrown) {
        injected.addAndGet(thrown);
    }

    /** {@code client} with {@code prepare} in front of its requests; closing it closes {@code client}. */
    protected static SdkHttpClient inFrontOf(SdkHttpClient client, Function<HttpExecuteRequest, ExecutableHttpRequest> prepare) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return prepare.apply(request);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** An HTTP exchange answered here, as the service answers an error of the JSON protocols: nothing is sent. */
    protected static ExecutableHttpRequest answered(int status, String errorType, String message) {
        String body = "{\"__type\":\"" + errorType + "\",\"message\":\"" + message + "\"}";
        return answered(SdkHttpResponse.builder().statusCode(status).putHeader("x-amzn-ErrorType", errorType)
                .putHeader("x-amzn-RequestId", "injected-fault").putHeader("Content-Type", "application/json").build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    protected static ExecutableHttpRequest answered(SdkHttpResponse response, byte[] body) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder().response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
            }
        };
    }
}
