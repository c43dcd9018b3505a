package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An API Gateway HTTP API (payload 2.0) request, read the way the handlers need it. */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    /** A path parameter; every one of this API's is an id, so its shape is checked here (400 if wrong). */
    public String path(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) throw new IllegalStateException("route " + routeKey() + " has no path parameter " + name);
        return IdShape.require(name, value);
    }

    public Map<String, String> pathParameters() {
        return event.getPathParameters() == null ? Map.of() : new TreeMap<>(event.getPathParameters());
    }

    public String query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? null : params.get(name);
    }

    public PageRequest page() {
        return PageRequest.of(query("limit"), query("cursor"));
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) return Optional.empty();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) return Optional.ofNullable(header.getValue());
        }
        return Optional.empty();
    }

    public String body() {
        String body = event.getBody();
        if (body == null) return "";
        return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** The verified token's claims, as API Gateway's JWT authorizer passes them on. */
    public Actor actor() {
        Map<String, String> claims = claims();
        String sub = claims.get("sub");
        String companyId = claims.get("company_id");
        String role = claims.get("role");
        if (sub == null || companyId == null || role == null) {
            throw new Unauthenticated("the token must carry the claims sub, company_id and role");
        }
        Role parsed;
        try {
            parsed = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated("the role claim must be platform_admin, manager or learner");
        }
        return new Actor(new UserId(sub), new CompanyId(companyId), parsed);
    }

    private Map<String, String> claims() {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    /** A request without usable identity: API Gateway's authorizer normally stops it first. */
    public static final class Unauthenticated extends RuntimeException {
        public Unauthenticated(String message) {
            super(message);
        }
    }
}
