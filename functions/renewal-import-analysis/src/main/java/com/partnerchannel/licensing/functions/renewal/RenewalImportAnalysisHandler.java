package com.partnerchannel.licensing.functions.renewal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
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

/**
 * The upload's S3 ObjectCreated event: analyse the file. A failure throws, so that Lambda retries the
 * event and, after the last retry, sends it to the on-failure destination.
 */
public final class RenewalImportAnalysisHandler implements RequestHandler<S3Event, List<String>> {
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
    public List<String> handleRequest(S3Event event, Context context) {
        return Invocation.ofEvent(context, "S3 ObjectCreated").run(invocation -> {
            List<String> outcomes = new ArrayList<>();
            for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
                S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
                // S3 sends keys URL-encoded, spaces as '+'.
                String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
                Upload upload = new Upload(record.getS3().getBucket().getName(), key,
                        object.geteTag() == null ? "" : object.geteTag().replace("\"", ""),
                        object.getSizeAsLong() == null ? 0 : object.getSizeAsLong());
                AnalysingRenewalImport.Outcome outcome = analysing.uploaded(upload);
                LOG.atInfo().addKeyValue("key", key).addKeyValue("etag", upload.etag())
                        .addKeyValue("outcome", outcome.name()).log("upload " + outcome);
                outcomes.add(key + " (" + upload.etag() + "): " + outcome);
            }
            invocation.closing("records", outcomes.size());
            return outcomes;
        });
    }
}
