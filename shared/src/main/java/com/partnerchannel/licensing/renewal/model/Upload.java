package com.partnerchannel.licensing.renewal.model;

/** One uploaded object version: S3Proxy and some buckets give no version id, so the ETag tells versions apart. */
public record Upload(String bucket, String key, String etag, long size) {
}
