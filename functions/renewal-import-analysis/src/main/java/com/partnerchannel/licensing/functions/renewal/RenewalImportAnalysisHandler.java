package com.partnerchannel.licensing.functions.renewal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.renewal.application.AnalysingRenewalImport;
import com.partnerchannel.licensing.renewal.model.Upload;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The upload's S3 ObjectCreated event: analyse the file. A failure throws, so that Lambda retries the
 * event and, after the last retry, sends it to the on-failure destination.
 */
public final class RenewalImportAnalysisHandler implements RequestHandler<S3Event, List<String>> {
    private final AnalysingRenewalImport analysing;

    public RenewalImportAnalysisHandler() {
        this(Renewals.fromEnvironment());
    }

    public RenewalImportAnalysisHandler(Renewals renewals) {
        this.analysing = renewals.analysing;
    }

    /** Answers one outcome per record, for the log and for tests. */
    @Override
    public List<String> handleRequest(S3Event event, Context context) {
        List<String> outcomes = new ArrayList<>();
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
            // S3 sends keys URL-encoded, spaces as '+'.
            String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
            Upload upload = new Upload(record.getS3().getBucket().getName(), key,
                    object.geteTag() == null ? "" : object.geteTag().replace("\"", ""),
                    object.getSizeAsLong() == null ? 0 : object.getSizeAsLong());
            AnalysingRenewalImport.Outcome outcome = analysing.uploaded(upload);
            String line = key + " (" + upload.etag() + "): " + outcome;
            if (context != null && context.getLogger() != null) context.getLogger().log(line);
            outcomes.add(line);
        }
        return outcomes;
    }
}
