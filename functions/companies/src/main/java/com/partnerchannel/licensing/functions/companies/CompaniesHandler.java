package com.partnerchannel.licensing.functions.companies;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.Commands;
import com.partnerchannel.licensing.http.CreateCompanyRequest;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.http.Views;
import com.partnerchannel.licensing.tenancy.application.CompanyQuery;
import com.partnerchannel.licensing.observability.Metrics;
import com.partnerchannel.licensing.onboarding.application.CreatedCompany;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Companies: create, the multi-tenant view, one company with its licence counts, its pools. */
public final class CompaniesHandler extends HttpFunction {
    private final Licensing licensing;
    private final Commands commands;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = Map.of(
            "POST /companies", this::create,
            "GET /companies", this::list,
            "GET /companies/{companyId}", this::get,
            "GET /companies/{companyId}/licences", this::licences);

    public CompaniesHandler() {
        this(Licensing.fromEnvironment());
        primeBeforeSnapshot();
    }

    public CompaniesHandler(Licensing licensing) {
        this.licensing = licensing;
        this.commands = new Commands(licensing.transactions);
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request) {
        return commands.run(request, 201,
                () -> licensing.creatingCompany.create(request.actor(),
                        Json.read(request.body(), CreateCompanyRequest.class)::command),
                Views::createdCompany, CompaniesHandler::count);
    }

    /**
     * A customer's managers are its first learners: each takes a seat of the initial order, which is
     * requested and assigned at once, or is added unlicensed (a trial's take its trial licence instead).
     */
    private static void count(CreatedCompany created) {
        created.initialOrder().ifPresent(order -> {
            Metrics.count(Metrics.ORDERS_REQUESTED, 1);
            Metrics.count(Metrics.ORDERS_ASSIGNED, 1);
        });
        Metrics.count(Metrics.SEATS_ALLOCATED, created.managers().stream().filter(Learner::holdsSeat).count());
        Metrics.count(Metrics.LEARNERS_ADDED_UNLICENSED, created.managers().stream()
                .filter(manager -> manager.recordedStatus().equals(Optional.of(LicenceStatus.unlicensed))).count());
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        CompanyQuery query = CompanyQuery.of(request.query("parentId"), request.query("kind"), request.query("plan"),
                request.query("q"));
        return Responses.json(200, Views.page(licensing.viewingCompanies.list(request.actor(), query, request.page()),
                Views::company));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        Company company = licensing.viewingCompanies.get(request.actor(), new CompanyId(request.path("companyId")));
        return Responses.json(200, Views.companyWithLicences(company, licensing.countingLicences.of(company).counts()));
    }

    private APIGatewayV2HTTPResponse licences(ApiRequest request) {
        Company company = licensing.viewingCompanies.get(request.actor(), new CompanyId(request.path("companyId")));
        return Responses.json(200, Views.licences(licensing.countingLicences.of(company)));
    }
}
