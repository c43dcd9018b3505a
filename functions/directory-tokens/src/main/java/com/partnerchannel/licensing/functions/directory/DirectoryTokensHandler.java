package com.partnerchannel.licensing.functions.directory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.directory.application.IssuingDirectoryTokens;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.Commands;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A customer's directory tokens, on the portal API (JWT): make one (its text answered once), list them
 * without secrets, revoke one.
 */
public final class DirectoryTokensHandler extends HttpFunction {
    /** Where the SCIM service answers, under the API's own address. */
    public static final String SCIM_BASE_PATH = "/scim/v2";

    private final Licensing licensing;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = Map.of(
            "POST /companies/{companyId}/directory-tokens", this::issue,
            "GET /companies/{companyId}/directory-tokens", this::list,
            "DELETE /companies/{companyId}/directory-tokens/{tokenId}", this::revoke);

    public DirectoryTokensHandler() {
        this(Licensing.fromEnvironment());
        primeBeforeSnapshot();
    }

    public DirectoryTokensHandler(Licensing licensing) {
        this.licensing = licensing;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse issue(ApiRequest request) {
        Json.read(request.body(), NoBody.class);
        Optional<String> key = Commands.idempotencyKey(request);
        IssuingDirectoryTokens.Issued issued = licensing.issuingDirectoryTokens.issue(request.actor(),
                new CompanyId(request.path("companyId")), key);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tokenId", issued.token().tokenId().value());
        view.put("token", issued.text().reveal());
        view.put("scimBaseUrl", request.origin() + SCIM_BASE_PATH);
        view.put("hint", issued.token().hint());
        view.put("createdAt", issued.token().createdAt().toString());
        // The secret must not sit in a browser's, a proxy's or the portal's cache.
        return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody(Json.write(view)).build();
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", licensing.issuingDirectoryTokens.list(request.actor(), new CompanyId(request.path("companyId")))
                .stream().map(DirectoryTokensHandler::view).toList());
        page.put("nextCursor", null);
        return Responses.json(200, page);
    }

    private APIGatewayV2HTTPResponse revoke(ApiRequest request) {
        licensing.issuingDirectoryTokens.revoke(request.actor(), new CompanyId(request.path("companyId")),
                new DirectoryTokenId(request.path("tokenId")));
        return Responses.noContent();
    }

    private static Map<String, Object> view(DirectoryToken token) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tokenId", token.tokenId().value());
        view.put("hint", token.hint());
        view.put("createdAt", token.createdAt().toString());
        view.put("createdBy", token.createdBy());
        view.put("lastUsedAt", token.lastUsedAt().map(Object::toString).orElse(null));
        return view;
    }

    /** The POST takes no fields: an empty body, or {}. */
    record NoBody() {
    }
}
