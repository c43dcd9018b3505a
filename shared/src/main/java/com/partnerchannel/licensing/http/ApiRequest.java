package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    /** A path parameter as sent, unchecked: for a protocol whose ids are not this API's (SCIM's). */
    public Optional<String> rawPath(String name) {
        Map<String, String> params = event.getPathParameters();
        return Optional.ofNullable(params == null ? null : params.get(name));
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

    /**
     * The body as text. API Gateway sends a body it takes for binary base64-encoded: one that does not
     * decode, or is not UTF-8 once decoded, is a 400 (it cannot be the JSON any route reads).
     */
    public String body() {
        String body = event.getBody();
        if (body == null) return "";
        if (!event.getIsBase64Encoded()) return body;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("body", "is flagged as base64 but is not base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Problem.invalid("body", "must be UTF-8 text");
        }
    }

    /**
     * The absolute URL the caller reached the API at ({@code https://api.example.com}): API Gateway passes
     * the host it was called by (a custom domain, or its own) and {@code X-Forwarded-Proto}.
     */
    public String origin() {
        String scheme = header("x-forwarded-proto").map(String::strip)
                .filter(proto -> proto.equals("http") || proto.equals("https")).orElse("https");
        String host = header("host").map(String::strip).filter(ApiRequest::isHost)
                .orElseGet(() -> event.getRequestContext() == null ? "localhost" : event.getRequestContext().getDomainName());
        return scheme + "://" + host;
    }

    /** A host name or address with an optional port, nothing that could turn a URL into another. */
    private static boolean isHost(String host) {
        return !host.isEmpty() && host.length() <= 255 && host.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':' || c == '[' || c == ']');
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
        // Both go into keys (a caller's idempotency records, its company's items): one that is blank, or
        // too long for a key, names no caller this API can act for.
        if (!fitsAKey(sub)) throw new Unauthenticated("the sub claim must be 1 to " + MAX_CLAIM_BYTES + " bytes, not blank");
        if (!fitsAKey(companyId) || companyId.contains("#")) {
            throw new Unauthenticated("the company_id claim must be 1 to " + MAX_CLAIM_BYTES + " bytes, not blank, without '#'");
        }
        Role parsed;
        try {
            parsed = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated("the role claim must be platform_admin, manager or learner");
        }
        return new Actor(new UserId(sub), new CompanyId(companyId), parsed);
    }

    /** A claim as the authorizer passed it, unchecked (null if absent): for the log's ids, not for access. */
    public String claim(String name) {
        return claims().get(name);
    }

    /** API Gateway's id of this request, which it also answers in the {@code Apigw-Requestid} header. */
    public String gatewayRequestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** OpenID Connect's bound on {@code sub} (255 ASCII characters), in bytes; {@code company_id} is far shorter. */
    static final int MAX_CLAIM_BYTES = 255;

    private static boolean fitsAKey(String claim) {
        return !claim.isBlank() && claim.getBytes(StandardCharsets.UTF_8).length <= MAX_CLAIM_BYTES;
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
