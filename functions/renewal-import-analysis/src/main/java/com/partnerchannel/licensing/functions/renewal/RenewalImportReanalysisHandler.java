package com.partnerchannel.licensing.functions.renewal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.renewal.application.AnalysingRenewalImport;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportAnalysisRequested;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis worker: the bus rule's target for {@code RenewalImportAnalysisRequested}, another email
 * column asked for on a file too large to analyse within the request. Analyses, and records the analysis
 * (or why the file could not be analysed) on the import. A failure fails the invocation, so EventBridge
 * retries it and, after the last retry, puts the event in the rule's dead-letter queue.
 */
public final class RenewalImportReanalysisHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final AnalysingRenewalImport analysing;

    public RenewalImportReanalysisHandler() {
        this(Renewals.fromEnvironment());
    }

    public RenewalImportReanalysisHandler(Renewals renewals) {
        this.analysing = renewals.analysing;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        BusEvent requested = BusEvent.fromEventBridge(event).requireType(RenewalImportAnalysisRequested.TYPE);
        return Invocation.ofBusEvent(context, requested).run(invocation -> {
            String importId = requested.required("importId");
            Optional<RenewalImport> after = analysing.reanalysisRequested(
                    new CompanyId(requested.required("companyId")), new ImportId(importId),
                    requested.required("requestId"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("importId", importId);
            answer.put("status", after.map(i -> i.status().name()).orElse("unknown_import"));
            after.flatMap(RenewalImport::analysis)
                    .ifPresent(analysis -> answer.put("emailColumn", analysis.emailColumn()));
            answer.forEach(invocation::closing);
            return answer;
        });
    }
}
