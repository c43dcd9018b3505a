package com.partnerchannel.licensing.s3;

import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * What a download's bytes are checked against, beyond their number: the object's MD5 when its ETag is one (an
 * object put in one request, encrypted with S3's own keys, as the upload bucket's are), else a whole-object
 * checksum S3 keeps and sends with {@code x-amz-checksum-mode: ENABLED} that the JDK computes (CRC32, CRC32C,
 * SHA-1, SHA-256), else nothing more: a multipart or KMS-encrypted object with no such checksum (or only S3's
 * default CRC64NVME, which the JDK does not compute) is checked against its size and ETag ({@code If-Match}) only.
 */
final class DownloadCheck {
    /** The header that asks S3 for the object's checksums in a GetObject's answer. */
    static final String CHECKSUM_MODE = "x-amz-checksum-mode";
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private record Algorithm(String header, String name, Supplier<Hasher> hasher) {
    }

    private static final List<Algorithm> CHECKSUMS = List.of(
            new Algorithm("x-amz-checksum-sha256", "SHA-256", () -> Hasher.digest("SHA-256")),
            new Algorithm("x-amz-checksum-sha1", "SHA-1", () -> Hasher.digest("SHA-1")),
            new Algorithm("x-amz-checksum-crc32c", "CRC32C", () -> Hasher.crc(new CRC32C())),
            new Algorithm("x-amz-checksum-crc32", "CRC32", () -> Hasher.crc(new CRC32())));

    private final String what;
    private final byte[] expected;
    private final Hasher hasher;

    private DownloadCheck(String what, byte[] expected, Hasher hasher) {
        this.what = what;
        this.expected = expected;
        this.hasher = hasher;
    }

    /** The check a GetObject's answer allows for an object of this ETag; empty: its size and ETag only. */
    static Optional<DownloadCheck> of(String etag, SdkHttpResponse answer) {
        if (MD5_HEX.matcher(etag).matches() && etagIsMd5(answer)) {
            return Optional.of(new DownloadCheck("MD5 (its ETag)", HexFormat.of().parseHex(etag), Hasher.digest("MD5")));
        }
        boolean composite = answer.firstMatchingHeader("x-amz-checksum-type").map("COMPOSITE"::equalsIgnoreCase).orElse(false);
        if (composite) return Optional.empty(); // a checksum of the parts' checksums: the parts' bounds are not known here
        for (Algorithm algorithm : CHECKSUMS) {
            Optional<String> value = answer.firstMatchingHeader(algorithm.header()).filter(v -> !v.contains("-"));
            if (value.isPresent()) {
                return Optional.of(new DownloadCheck(algorithm.name() + " (" + algorithm.header() + ")",
                        Base64.getDecoder().decode(value.get()), algorithm.hasher().get()));
            }
        }
        return Optional.empty();
    }

    /** S3's ETag is the MD5 of the object put in one request, unless a KMS key or the customer's key encrypts it. */
    private static boolean etagIsMd5(SdkHttpResponse answer) {
        boolean kms = answer.firstMatchingHeader("x-amz-server-side-encryption")
                .map(algorithm -> algorithm.toLowerCase(Locale.ROOT).startsWith("aws:kms")).orElse(false);
        boolean customerKey = answer.firstMatchingHeader("x-amz-server-side-encryption-customer-algorithm").isPresent();
        return !kms && !customerKey;
    }

    /** The body, every byte read through it also going into the check. */
    InputStream reading(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) hasher.update(new byte[]{(byte) b}, 0, 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) hasher.update(buffer, offset, n);
                return n;
            }

            @Override
            public long skip(long n) {
                throw new UnsupportedOperationException("a checked download is read whole");
            }
        };
    }

    /** Throws when the bytes read do not match: the copy is not the object. */
    void verify(String key) {
        byte[] actual = hasher.finish();
        if (!MessageDigest.isEqual(actual, expected)) {
            throw new Corrupted(key + ": the bytes that arrived do not match the object's " + what + ": expected "
                    + HexFormat.of().formatHex(expected) + ", read " + HexFormat.of().formatHex(actual));
        }
    }

    /** The bytes that arrived are not the object's. */
    static final class Corrupted extends UncheckedIOException {
        Corrupted(String message) {
            super(new IOException(message));
        }
    }

    private interface Hasher {
        void update(byte[] bytes, int offset, int length);

        byte[] finish();

        static Hasher digest(String algorithm) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is in every JDK", e);
            }
            return new Hasher() {
                @Override
                public void update(byte[] bytes, int offset, int length) {
                    digest.update(bytes, offset, length);
                }

                @Override
                public byte[] finish() {
                    return digest.digest();
                }
            };
        }

        /** S3's CRC checksums are the 32-bit value, big-endian. */
        static Hasher crc(Checksum crc) {
            return new Hasher() {
                @Override
                public void update(byte[] bytes, int offset, int length) {
                    crc.update(bytes, offset, length);
                }

                @Override
                public byte[] finish() {
                    return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
                }
            };
        }
    }
}
