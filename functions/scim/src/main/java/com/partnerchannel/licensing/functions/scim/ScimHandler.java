package com.partnerchannel.licensing.functions.scim;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.directory.application.SyncingUsers;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.observability.Invocation;
import com.partnerchannel.licensing.scim.ScimAttributes;
import com.partnerchannel.licensing.scim.ScimDiscovery;
import com.partnerchannel.licensing.scim.ScimError;
import com.partnerchannel.licensing.scim.ScimResponses;
import com.partnerchannel.licensing.scim.ScimUserSearch;
import com.partnerchannel.licensing.scim.ScimUsers;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SCIM 2.0 service a customer's identity provider calls (RFC 7644), under /scim/v2. No API Gateway
 * authorizer runs here: the function reads the directory token itself (one GetItem, nothing cached, so a
 * revoked token fails on its next request) and the token alone names the company. Every answer, errors
 * included, is application/scim+json.
 */
public final class ScimHandler extends HttpFunction {
    private final Licensing licensing;
    private final SyncingUsers users;
    private final ScimUserSearch search;
    private final Clock clock;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();

    public ScimHandler() {
        this(Licensing.fromEnvironment());
    }

    public ScimHandler(Licensing licensing) {
        this.licensing = licensing;
        this.users = licensing.syncingUsers;
        this.search = new ScimUserSearch(users);
        this.clock = licensing.clock;
        routes.put("GET /scim/v2/ServiceProviderConfig", discovery(request ->
                ScimResponses.resource(200, ScimDiscovery.serviceProviderConfig(base(request)))));
        routes.put("GET /scim/v2/ResourceTypes", discovery(request ->
                ScimResponses.resource(200, ScimDiscovery.list(ScimDiscovery.resourceTypes(base(request))))));
        routes.put("GET /scim/v2/ResourceTypes/{resourceTypeId}", discovery(request ->
                ScimResponses.resource(200, ScimDiscovery.resourceType(request.rawPath("resourceTypeId").orElse(""),
                        base(request)).orElseThrow(() -> ScimError.notFound("no resource type "
                        + request.rawPath("resourceTypeId").orElse("") + "; this service has User")))));
        routes.put("GET /scim/v2/Schemas", discovery(request ->
                ScimResponses.resource(200, ScimDiscovery.list(ScimDiscovery.schemas(base(request))))));
        routes.put("GET /scim/v2/Schemas/{schemaId}", discovery(request ->
                ScimResponses.resource(200, ScimDiscovery.schema(request.rawPath("schemaId").orElse(""), base(request))
                        .orElseThrow(() -> ScimError.notFound("no schema " + request.rawPath("schemaId").orElse(""))))));
        routes.put("GET /scim/v2/Users", authenticated(this::list));
        routes.put("POST /scim/v2/Users", authenticated(this::create));
        routes.put("GET /scim/v2/Users/{userId}", authenticated(this::get));
        routes.put("PUT /scim/v2/Users/{userId}", authenticated(this::replace));
        routes.put("PATCH /scim/v2/Users/{userId}", authenticated(this::patch));
        routes.put("DELETE /scim/v2/Users/{userId}", authenticated(this::delete));
    }

    private static final String TOKEN_REQUIRED = "a valid directory token is required: Authorization: Bearer pcldt_…";

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request, Company company) {
        ScimUserSearch.Found found = search.find(company, request.query("filter"), request.query("startIndex"),
                request.query("count"));
        return ScimResponses.resource(200, ScimResponses.list(found.page().stream()
                .map(learner -> view(request, company, learner)).toList(), found.total(), found.startIndex()));
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request, Company company) {
        Learner created = users.create(company, ScimUsers.read(request.body(), Optional.empty()));
        return ScimResponses.resource(201, view(request, company, created));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request, Company company) {
        return ScimResponses.resource(200, view(request, company, users.get(company, userId(request))));
    }

    private APIGatewayV2HTTPResponse replace(ApiRequest request, Company company) {
        Learner current = users.get(company, userId(request));
        return ScimResponses.resource(200, view(request, company,
                users.replace(company, current, ScimUsers.read(request.body(), Optional.of(current)))));
    }

    private APIGatewayV2HTTPResponse patch(ApiRequest request, Company company) {
        Learner current = users.get(company, userId(request));
        return ScimResponses.resource(200, view(request, company,
                users.replace(company, current, ScimUsers.patch(request.body(), current))));
    }

    private APIGatewayV2HTTPResponse delete(ApiRequest request, Company company) {
        users.delete(company, userId(request));
        return ScimResponses.noContent();
    }

    private Map<String, Object> view(ApiRequest request, Company company, Learner learner) {
        return ScimAttributes.project(ScimUsers.resource(learner, company, clock.instant(), base(request)),
                request.query("attributes"), request.query("excludedAttributes"));
    }

    /** SCIM ids are opaque to the provider: one that is not ours is simply not found. */
    private static UserId userId(ApiRequest request) {
        String id = request.rawPath("userId").orElse("");
        if (!IdShape.fits(id)) throw ScimError.notFound("User " + id + " not found");
        return new UserId(id);
    }

    private static String base(ApiRequest request) {
        return request.origin() + "/scim/v2";
    }

    /** The route, run for the company whose directory token the request carries; 401 without a valid one. */
    private Function<ApiRequest, APIGatewayV2HTTPResponse> authenticated(
            BiFunction<ApiRequest, Company, APIGatewayV2HTTPResponse> route) {
        return withToken((request, token) -> {
            // A token of a company deleted since names no company: as good as revoked.
            Optional<Company> company = users.company(token.companyId());
            if (company.isEmpty()) return unauthenticated(TOKEN_REQUIRED);
            return route.apply(request, company.get());
        });
    }

    /**
     * A discovery route answers the same to every company: the token is checked, and no company read, as
     * the answer uses none (docs/benchmarks.md, "DynamoDB cost per route").
     */
    private Function<ApiRequest, APIGatewayV2HTTPResponse> discovery(Function<ApiRequest, APIGatewayV2HTTPResponse> route) {
        return withToken((request, token) -> route.apply(request));
    }

    private Function<ApiRequest, APIGatewayV2HTTPResponse> withToken(
            BiFunction<ApiRequest, DirectoryToken, APIGatewayV2HTTPResponse> route) {
        return request -> {
            try {
                Optional<DirectoryToken> token = licensing.authenticatingDirectory
                        .authenticate(request.header("Authorization").orElse(null));
                if (token.isEmpty()) return unauthenticated(TOKEN_REQUIRED);
                // The closing line names the company and the token that acted, as a portal request's names its claims.
                Invocation.running().ifPresent(invocation -> invocation
                        .id(Invocation.COMPANY_ID, token.get().companyId().value())
                        .id(Invocation.ACTOR, "directory-token:" + token.get().tokenId().value()));
                return route.apply(request, token.get());
            } catch (ScimError error) {
                return ScimResponses.error(error);
            } catch (SyncingUsers.UserNameTaken taken) {
                return ScimResponses.error(409, "uniqueness", taken.getMessage());
            }
        };
    }

    @Override
    protected APIGatewayV2HTTPResponse refused(Problem problem) {
        return switch (problem.kind()) {
            case INVALID -> ScimResponses.error(400, "invalidValue", problem.errors().isEmpty() ? problem.detail()
                    : problem.errors().stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
            case FORBIDDEN -> ScimResponses.error(403, null, problem.detail());
            case NOT_FOUND -> ScimResponses.error(404, null, problem.detail());
            case CONFLICT, INSUFFICIENT_SEATS -> retryAfter(ScimResponses.error(409, null, problem.detail()), problem);
            case UNAVAILABLE -> retryAfter(ScimResponses.error(503, null, problem.detail()), problem);
        };
    }

    /** A refusal the provider may send again says when, as the API's problems do. */
    private static APIGatewayV2HTTPResponse retryAfter(APIGatewayV2HTTPResponse response, Problem problem) {
        problem.retryAfter().ifPresent(wait -> {
            Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
            headers.put(Responses.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
            response.setHeaders(headers);
        });
        return response;
    }

    @Override
    protected APIGatewayV2HTTPResponse unauthenticated(String detail) {
        return ScimResponses.error(401, null, detail);
    }

    @Override
    protected APIGatewayV2HTTPResponse notFound(String detail) {
        return ScimResponses.error(404, null, detail);
    }

    @Override
    protected APIGatewayV2HTTPResponse failed(String correlationId) {
        return ScimResponses.error(500, null, "the request failed on our side; nothing was wrong with it."
                + " If it keeps failing, quote " + correlationId);
    }
}
