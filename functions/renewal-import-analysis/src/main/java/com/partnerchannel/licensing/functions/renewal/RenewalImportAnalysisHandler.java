package com.partnerchannel.licensing.functions.renewal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.renewal.application.AnalysingRenewalImport;
import com.partnerchannel.licensing.renewal.model.Upload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The upload's S3 ObjectCreated event: analyse the file. A failure throws, so that Lambda retries the
 * event and, after the last retry, sends it to the on-failure destination.
 *
 * <p>The event is taken as the JSON S3 sends ({@code Records[].s3.bucket.name}, {@code .object.key},
 * {@code eTag}, {@code size}), as maps: {@code aws-lambda-java-events}' {@code S3Event} would need Joda-Time
 * (0.6 MB) in the jar for its {@code eventTime}, which nothing here reads.
 */
public final class RenewalImportAnalysisHandler implements RequestHandler<Map<String, Object>, List<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalImportAnalysisHandler.class);
    private final AnalysingRenewalImport analysing;

    public RenewalImportAnalysisHandler() {
        this(Renewals.fromEnvironment());
    }

    public RenewalImportAnalysisHandler(Renewals renewals) {
        this.analysing = renewals.analysing;
    }

    /** Answers one outcome per record, for tests; the log has a line per record (the key holds ids only). */
    @Override
    public List<String> handleRequest(Map<String, Object> event, Context context) {
        return Invocation.ofEvent(context, "S3 ObjectCreated").run(invocation -> {
            List<String> outcomes = new ArrayList<>();
            for (Object record : list(event.get("Records"))) {
                Map<?, ?> s3 = map(map(record).get("s3"));
                Map<?, ?> object = map(s3.get("object"));
                // S3 sends keys URL-encoded, spaces as '+'.
                String key = URLDecoder.decode(String.valueOf(object.get("key")), StandardCharsets.UTF_8);
                Object etag = object.get("eTag");
                Object size = object.get("size");
                Upload upload = new Upload(String.valueOf(map(s3.get("bucket")).get("name")), key,
                        etag == null ? "" : etag.toString().replace("\"", ""),
                        size instanceof Number n ? n.longValue() : size == null ? 0 : Long.parseLong(size.toString()));
                AnalysingRenewalImport.Outcome outcome = analysing.uploaded(upload);
                LOG.atInfo().addKeyValue("key", key).addKeyValue("etag", upload.etag())
                        .addKeyValue("outcome", outcome.name()).log("upload " + outcome);
                outcomes.add(key + " (" + upload.etag() + "): " + outcome);
            }
            invocation.closing("records", outcomes.size());
            return outcomes;
        });
    }

    private static Map<?, ?> map(Object value) {
        if (value instanceof Map<?, ?> map) return map;
        throw new IllegalArgumentException("not an S3 event: expected an object, found " + value);
    }

    private static List<?> list(Object value) {
        if (value instanceof List<?> list) return list;
        throw new IllegalArgumentException("not an S3 event: no Records");
    }
}
