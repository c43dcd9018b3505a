package com.partnerchannel.licensing.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes EventBridge do what the bus does under load: a whole PutEvents attempt throttled
 * ({@code ThrottlingException}, 400, retried by the caller's retry strategy), or some entries of a call not
 * taken. It sits around the HTTP client of the EventBridge calls ({@code aws.AwsCalls}). A failed entry is
 * taken out of the request's body before it is sent, so the bus never sees it, and put back into the answer at
 * its place with {@code ErrorCode} {@code InternalFailure} and the {@code FailedEntryCount} raised, as PutEvents
 * answers an entry it did not take. At least one entry of each call goes through (PutEvents takes no empty
 * list). The shortened body no longer matches its signature; the local endpoints do not check signatures.
 */
public final class EventBridgeFaults extends FaultInjector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUT_EVENTS = "AWSEvents.PutEvents";

    public EventBridgeFaults(Faults faults) {
        super(faults, 0xEBL);
    }

    /** {@code client} with this injector in front; the core takes {@code faults::around} as an {@code aws.HttpClientWrapper}. */
    public SdkHttpClient around(SdkHttpClient client) {
        return inFrontOf(client, request ->
                !isOn() || !request.httpRequest().firstMatchingHeader("X-Amz-Target").filter(PUT_EVENTS::equals).isPresent()
                        ? client.prepareRequest(request)
                        : putEvents(client, request));
    }

    private ExecutableHttpRequest putEvents(SdkHttpClient client, HttpExecuteRequest request) {
        boolean throttle;
        synchronized (random) {
            throttle = draw(Fault.EVENTBRIDGE_THROTTLE);
        }
        if (throttle) {
            count(1);
            return answered(400, "ThrottlingException", "Rate exceeded");
        }
        ObjectNode body = (ObjectNode) read(request);
        ArrayNode entries = (ArrayNode) body.path("Entries");
        Set<Integer> failed = new TreeSet<>();
        synchronized (random) {
            for (int i = 0; i < entries.size(); i++) {
                if (draw(Fault.EVENTBRIDGE_FAILED_ENTRY)) failed.add(i);
            }
        }
        if (failed.size() == entries.size()) failed.remove(entries.size() - 1);
        if (failed.isEmpty()) return client.prepareRequest(request);
        count(failed.size());
        ArrayNode sent = JSON.createArrayNode();
        for (int i = 0; i < entries.size(); i++) if (!failed.contains(i)) sent.add(entries.get(i));
        body.set("Entries", sent);
        byte[] shortened = write(body);
        ExecutableHttpRequest forwarded = client.prepareRequest(HttpExecuteRequest.builder()
                .request(request.httpRequest().toBuilder().putHeader("Content-Length", Integer.toString(shortened.length)).build())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(shortened)).build());
        int total = entries.size();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = forwarded.call();
                if (response.httpResponse().statusCode() / 100 != 2 || response.responseBody().isEmpty()) return response;
                JsonNode answer;
                try (InputStream in = response.responseBody().get()) {
                    answer = JSON.readTree(in);
                }
                ArrayNode results = JSON.createArrayNode();
                Iterator<JsonNode> taken = answer.path("Entries").iterator();
                for (int i = 0; i < total; i++) {
                    if (failed.contains(i)) {
                        results.addObject().put("ErrorCode", "InternalFailure").put("ErrorMessage", "injected: the entry was not taken");
                    } else if (taken.hasNext()) {
                        results.add(taken.next());
                    }
                }
                ObjectNode patched = JSON.createObjectNode();
                patched.put("FailedEntryCount", answer.path("FailedEntryCount").asInt(0) + failed.size());
                patched.set("Entries", results);
                SdkHttpResponse http = response.httpResponse().toBuilder().removeHeader("Content-Length").build();
                return answered(http, write(patched)).call();
            }

            @Override
            public void abort() {
                forwarded.abort();
            }
        };
    }

    private static JsonNode read(HttpExecuteRequest request) {
        try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
