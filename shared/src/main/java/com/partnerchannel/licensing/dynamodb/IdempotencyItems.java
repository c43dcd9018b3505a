package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.IdempotencyRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Idempotency record: PK {@code C#<callerCompanyId>}, SK {@code IDEM#<base64url(sub)>#<key>}; kept 24 hours.
 *
 * <p>The stored response must fit DynamoDB's 400 KB item: a bulk call's response is megabytes. A
 * small body is kept as text ({@code body}); a larger one gzipped ({@code bodyGz}); one whose gzip
 * still does not fit is cut into part items {@code IDEMPART#<base64url(sub)>#<key>#<version>#<n>} that are
 * written before the record, and the record names their {@code bodyVersion} and {@code bodyParts}.
 * The version keeps two racing writers of one key from mixing their parts: the loser's parts are
 * never named by the record and go with their TTL.
 */
final class IdempotencyItems {
    static final Duration KEPT = Duration.ofHours(24);
    /** Bodies up to this many UTF-8 bytes are kept as readable text. */
    static final int PLAIN_LIMIT = 32 * 1024;
    /** Bytes of gzipped body per item; well under 400 KB with the keys and attribute names. */
    static final int PART_SIZE = 300 * 1024;

    private IdempotencyItems() {
    }

    /** The record's item and the part items (possibly none) to write before it. */
    record Items(Map<String, AttributeValue> record, List<Map<String, AttributeValue>> parts) {
    }

    static Map<String, AttributeValue> key(String companyId, String userId, String key) {
        return Map.of(Keys.PK, s(Keys.company(companyId)), Keys.SK, s("IDEM#" + user(userId) + "#" + key));
    }

    /**
     * The user as it goes into a key: base64url, which has no {@code #}, so that no two (user, key) pairs
     * meet (user {@code a} with key {@code b#c} and user {@code a#b} with key {@code c} did).
     */
    private static String user(String userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(userId.getBytes(StandardCharsets.UTF_8));
    }

    static Items toItems(IdempotencyRecord record, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.companyId(), record.userId(), record.key()));
        AttributeValue ttl = Attr.n(now.plus(KEPT).getEpochSecond());
        item.put("type", s("idempotency"));
        item.put("companyId", s(record.companyId()));
        item.put("userId", s(record.userId()));
        item.put("key", s(record.key()));
        item.put("requestHash", s(record.requestHash()));
        item.put("status", Attr.n(record.status()));
        item.put(Keys.TTL, ttl);
        byte[] body = record.body().getBytes(StandardCharsets.UTF_8);
        if (body.length <= PLAIN_LIMIT) {
            item.put("body", s(record.body()));
            return new Items(item, List.of());
        }
        byte[] gzipped = gzip(body);
        if (gzipped.length <= PART_SIZE) {
            item.put("bodyGz", AttributeValue.fromB(SdkBytes.fromByteArray(gzipped)));
            return new Items(item, List.of());
        }
        String version = UUID.randomUUID().toString();
        List<Map<String, AttributeValue>> parts = new ArrayList<>();
        for (int from = 0, n = 0; from < gzipped.length; from += PART_SIZE, n++) {
            Map<String, AttributeValue> part = new HashMap<>();
            part.put(Keys.PK, s(Keys.company(record.companyId())));
            part.put(Keys.SK, s(partPrefix(record.userId(), record.key(), version) + String.format("%04d", n)));
            part.put("type", s("idempotencyPart"));
            part.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(
                    java.util.Arrays.copyOfRange(gzipped, from, Math.min(gzipped.length, from + PART_SIZE)))));
            part.put(Keys.TTL, ttl);
            parts.add(part);
        }
        item.put("bodyVersion", s(version));
        item.put("bodyParts", Attr.n(parts.size()));
        return new Items(item, parts);
    }

    /** The SK prefix of a record's part items; the record's {@code bodyVersion} ends it. */
    static String partPrefix(String userId, String key, String version) {
        return "IDEMPART#" + user(userId) + "#" + key + "#" + version + "#";
    }

    /** An expired record may linger until DynamoDB's TTL sweep removes it; it no longer counts. */
    static boolean isLive(Map<String, AttributeValue> item, Instant now) {
        return Long.parseLong(item.get(Keys.TTL).n()) > now.getEpochSecond();
    }

    /** How many part items the record's body is in; 0 when it is in the record itself. */
    static int parts(Map<String, AttributeValue> item) {
        return item.containsKey("bodyParts") ? Attr.integer(item, "bodyParts") : 0;
    }

    /** The record, its body read from the item itself or from its {@code parts} (in order). */
    static IdempotencyRecord fromItem(Map<String, AttributeValue> item, List<Map<String, AttributeValue>> parts) {
        String body;
        if (item.containsKey("body")) {
            body = Attr.str(item, "body");
        } else if (item.containsKey("bodyGz")) {
            body = gunzip(item.get("bodyGz").b().asByteArray());
        } else {
            if (parts.size() != parts(item)) {
                throw new IllegalStateException("idempotency record " + Attr.str(item, "key") + " names "
                        + parts(item) + " body parts; " + parts.size() + " found");
            }
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
            parts.forEach(part -> gzipped.writeBytes(part.get("data").b().asByteArray()));
            body = gunzip(gzipped.toByteArray());
        }
        return new IdempotencyRecord(Attr.str(item, "companyId"), Attr.str(item, "userId"), Attr.str(item, "key"),
                Attr.str(item, "requestHash"), Attr.integer(item, "status"), body);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("an idempotency record's body does not unzip", e);
        }
    }
}
