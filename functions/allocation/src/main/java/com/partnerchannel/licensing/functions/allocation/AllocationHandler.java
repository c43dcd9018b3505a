package com.partnerchannel.licensing.functions.allocation;

import com.partnerchannel.licensing.allocation.application.Renewal;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.observability.Metrics;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.allocation.application.AddedLearners;
import com.partnerchannel.licensing.allocation.application.ViewingLearners;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.http.AddLearnersRequest;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.Commands;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.RenewRequest;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.http.Views;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/** Learners and their licences: add (taking seats automatically), list by status, renew, archive, restore, delete. */
public final class AllocationHandler extends HttpFunction {
    private final Licensing licensing;
    private final Commands commands;
    private final Clock clock;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = Map.of(
            "POST /companies/{companyId}/learners", this::add,
            "GET /companies/{companyId}/learners", this::list,
            "DELETE /companies/{companyId}/learners/{learnerId}", this::delete,
            "POST /companies/{companyId}/learners/{learnerId}/archive", this::archive,
            "POST /companies/{companyId}/learners/{learnerId}/restore", this::restore,
            "POST /companies/{companyId}/allocations", this::renew);

    public AllocationHandler() {
        this(Licensing.fromEnvironment());
        primeBeforeSnapshot();
    }

    public AllocationHandler(Licensing licensing) {
        this.licensing = licensing;
        this.commands = new Commands(licensing.transactions);
        this.clock = licensing.clock;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse add(ApiRequest request) {
        CompanyId companyId = new CompanyId(request.path("companyId"));
        AddLearnersRequest body = Json.read(request.body(), AddLearnersRequest.class);
        return commands.runBulk(request, () -> licensing.companyAccess.customer(request.actor(), companyId),
                (company, key) -> counted(licensing.addingLearners.add(request.actor(), company, body::command, key)),
                added -> added.count(AddedLearners.Outcome.created) > 0 ? 201 : 200,
                (company, added) -> Views.added(added, company, clock.instant()));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        ViewingLearners.Listed listed = licensing.viewingLearners.list(request.actor(),
                new CompanyId(request.path("companyId")), request.query("licenceStatus"), request.query("q"),
                request.page());
        return Responses.json(200, Views.page(listed.page(),
                learner -> Views.learner(learner, listed.company(), listed.now())));
    }

    private APIGatewayV2HTTPResponse delete(ApiRequest request) {
        licensing.deletingLearner.delete(request.actor(), new CompanyId(request.path("companyId")),
                new UserId(request.path("learnerId")));
        return Responses.noContent();
    }

    private APIGatewayV2HTTPResponse archive(ApiRequest request) {
        CompanyId companyId = new CompanyId(request.path("companyId"));
        UserId learnerId = new UserId(request.path("learnerId"));
        return commands.runBulk(request, () -> licensing.companyAccess.customer(request.actor(), companyId),
                (company, key) -> licensing.archivingLearners.archive(request.actor(), company, learnerId), done -> 200,
                (company, done) -> Views.learner(done.learner(), done.company(), done.now()));
    }

    private APIGatewayV2HTTPResponse restore(ApiRequest request) {
        CompanyId companyId = new CompanyId(request.path("companyId"));
        UserId learnerId = new UserId(request.path("learnerId"));
        return commands.runBulk(request, () -> licensing.companyAccess.customer(request.actor(), companyId),
                (company, key) -> licensing.archivingLearners.restore(request.actor(), company, learnerId), done -> 200,
                (company, done) -> Views.learner(done.learner(), done.company(), done.now()));
    }

    private APIGatewayV2HTTPResponse renew(ApiRequest request) {
        CompanyId companyId = new CompanyId(request.path("companyId"));
        RenewRequest body = Json.read(request.body(), RenewRequest.class);
        return commands.runBulk(request, () -> licensing.companyAccess.customer(request.actor(), companyId),
                (company, key) -> counted(licensing.renewingLicences.renew(request.actor(), company, body::command, key)),
                renewal -> 200,
                (company, renewal) -> Views.renewal(renewal, company));
    }

    /** Learners added with a seat and without one, as metrics (a replayed request is not counted again). */
    private static AddedLearners counted(AddedLearners added) {
        long seated = added.rows().stream().filter(row -> row.outcome() == AddedLearners.Outcome.created)
                .filter(row -> row.learner().flatMap(Learner::recordedStatus).orElse(LicenceStatus.unlicensed)
                        == LicenceStatus.active)
                .count();
        Metrics.count(Metrics.SEATS_ALLOCATED, seated);
        Metrics.count(Metrics.LEARNERS_ADDED_UNLICENSED, added.count(AddedLearners.Outcome.created) - seated);
        return added;
    }

    private static Renewal counted(Renewal renewal) {
        Metrics.count(Metrics.LICENCES_RENEWED, renewal.renewed().size());
        return renewal;
    }
}
