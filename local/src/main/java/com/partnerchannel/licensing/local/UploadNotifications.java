package com.partnerchannel.licensing.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What S3's bucket notification does for the upload prefix: S3Proxy sends none, so this watches the
 * prefix and, for every new object version (a new ETag), gives the subscribed function the S3Event
 * S3 would send. Like S3, it delivers at least once; the function must not mind a repeat.
 */
final class UploadNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadNotifications.class);
    static final String PREFIX = "uploads/";

    private final S3Client s3;
    private final String bucket;
    private final LocalEventFunction<Map<String, Object>, ?> function;
    private final Map<String, String> delivered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-s3-notifications");
        thread.setDaemon(true);
        return thread;
    });

    @SuppressWarnings("unchecked")
    UploadNotifications(S3Client s3, String bucket, LocalEventFunction<?, ?> function) {
        this.s3 = s3;
        this.bucket = bucket;
        this.function = (LocalEventFunction<Map<String, Object>, ?>) function;
    }

    UploadNotifications start() {
        poller.scheduleWithFixedDelay(this::deliverNewUploads, 0, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    void deliverNewUploads() {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents()) {
                String etag = object.eTag().replace("\"", "");
                if (etag.equals(delivered.get(object.key()))) continue;
                long started = System.nanoTime();
                Object outcome = function.invoke(event(object, etag));
                delivered.put(object.key(), etag);
                LOG.atInfo().addKeyValue("key", object.key()).addKeyValue("latencyMs", (System.nanoTime() - started) / 1_000_000)
                        .log("S3 ObjectCreated → renewal import analysis: " + outcome);
            }
        } catch (RuntimeException e) {
            // Lambda would retry the event: leaving it undelivered makes the next poll try again.
            LOG.atWarn().setCause(e).log("S3 notification failed, will retry");
        }
    }

    /** The event S3 sends for the new object, as the Lambda runtime hands its JSON to a handler that takes a Map. */
    private Map<String, Object> event(S3Object object, String etag) {
        Map<String, Object> objectEntity = new LinkedHashMap<>();
        objectEntity.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        objectEntity.put("size", object.size());
        objectEntity.put("eTag", etag);
        objectEntity.put("sequencer", Long.toHexString(System.nanoTime()));
        Map<String, Object> s3Entity = new LinkedHashMap<>();
        s3Entity.put("s3SchemaVersion", "1.0");
        s3Entity.put("configurationId", "Uploaded");
        s3Entity.put("bucket", Map.of("name", bucket, "ownerIdentity", Map.of("principalId", "local"),
                "arn", "arn:aws:s3:::" + bucket));
        s3Entity.put("object", objectEntity);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", "us-east-1");
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", "ObjectCreated:Put");
        record.put("userIdentity", Map.of("principalId", "local"));
        record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
        record.put("responseElements", Map.of("x-amz-request-id", "local", "x-amz-id-2", "local"));
        record.put("s3", s3Entity);
        return Map.of("Records", List.of(record));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
