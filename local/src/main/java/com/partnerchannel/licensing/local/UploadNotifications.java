package com.partnerchannel.licensing.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    private final LocalEventFunction<S3Event, ?> function;
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
        this.function = (LocalEventFunction<S3Event, ?>) function;
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

    private S3Event event(S3Object object, String etag) {
        S3EventNotification.S3BucketEntity bucketEntity = new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity("local"), "arn:aws:s3:::" + bucket);
        S3EventNotification.S3ObjectEntity objectEntity = new S3EventNotification.S3ObjectEntity(
                URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"), object.size(), etag, null,
                Long.toHexString(System.nanoTime()));
        S3EventNotification.S3Entity s3Entity = new S3EventNotification.S3Entity("Uploaded", bucketEntity, objectEntity, "1.0");
        S3EventNotification.S3EventNotificationRecord record = new S3EventNotification.S3EventNotificationRecord(
                "us-east-1", "ObjectCreated:Put", "aws:s3", Instant.now().toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"), s3Entity,
                new S3EventNotification.UserIdentityEntity("local"));
        return new S3Event(List.of(record));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
