package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.http.Responses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local mode only: {@code GET /local/emails} lists the emails the local SES took, newest first, once the
 * stream has delivered what was written before the request (so an email a request caused is listed).
 */
final class EmailsEndpoint {
    static final String EMAILS = "/local/emails";

    private final LocalSes ses;
    private final StreamEventSourceMapping stream;

    EmailsEndpoint(LocalSes ses, StreamEventSourceMapping stream) {
        this.ses = ses;
        this.stream = stream;
    }

    void addTo(LocalRoutes routes) {
        routes.add("GET", EMAILS, request -> {
            stream.drain();
            List<Map<String, Object>> items = new ArrayList<>();
            for (LocalSes.Email email : ses.emails()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sentAt", email.sentAt().toString());
                item.put("to", email.to());
                item.put("subject", email.subject());
                item.put("text", email.text());
                items.add(item);
            }
            return LocalGateway.of(Responses.json(200, Map.of("items", items)));
        });
    }
}
