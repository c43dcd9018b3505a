package com.partnerchannel.licensing.functions.renewal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.outbox.BusEvent;
import com.partnerchannel.licensing.renewal.application.ConfirmingRenewalImport;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportConfirmRequested;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The confirm worker: the bus rule's target for {@code RenewalImportConfirmRequested}, a confirm too
 * large to answer within the request. Renews, and records the result on the import. A failure fails the
 * invocation, so EventBridge retries it (the renewal resumes where it stopped: it is keyed on the import
 * and its analysis) and, after the last retry, puts the event in the rule's dead-letter queue.
 */
public final class RenewalImportConfirmHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ConfirmingRenewalImport confirming;

    public RenewalImportConfirmHandler() {
        this(Renewals.fromEnvironment());
    }

    public RenewalImportConfirmHandler(Renewals renewals) {
        this.confirming = renewals.confirming;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        BusEvent requested = BusEvent.fromEventBridge(event).requireType(RenewalImportConfirmRequested.TYPE);
        return Invocation.ofBusEvent(context, requested).run(invocation -> {
            String importId = requested.required("importId");
            Optional<RenewalImport> after = confirming.confirmRequested(
                    new CompanyId(requested.required("companyId")), new ImportId(importId),
                    requested.required("requestId"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("importId", importId);
            answer.put("status", after.map(i -> i.status().name()).orElse("unknown_import"));
            after.flatMap(RenewalImport::result).ifPresent(result -> answer.put("renewed", result.renewed()));
            answer.forEach(invocation::closing);
            return answer;
        });
    }
}
