package com.partnerchannel.licensing.functions.renewal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.http.ApiRequest;
import com.partnerchannel.licensing.http.Commands;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.http.Views;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CSV renewal imports: start (with the upload URL), read the analysis, analyse with another column (at once,
 * or handed to the analysis worker when the file is large), confirm (at once, or handed to
 * {@link RenewalImportConfirmHandler} when large).
 */
public final class RenewalImportsHandler extends HttpFunction {
    private final Renewals renewals;
    private final Commands commands;
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = Map.of(
            "POST /companies/{companyId}/renewal-imports", this::start,
            "GET /companies/{companyId}/renewal-imports/{importId}", this::get,
            "GET /companies/{companyId}/renewal-imports/{importId}/rows", this::rows,
            "POST /companies/{companyId}/renewal-imports/{importId}/analyse", this::analyse,
            "POST /companies/{companyId}/renewal-imports/{importId}/confirm", this::confirm);

    public RenewalImportsHandler() {
        this(Renewals.fromEnvironment());
        primeBeforeSnapshot();
    }

    public RenewalImportsHandler(Renewals renewals) {
        this.renewals = renewals;
        this.commands = new Commands(renewals.licensing.transactions);
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return routes;
    }

    private APIGatewayV2HTTPResponse start(ApiRequest request) {
        return commands.run(request, 201, () -> renewals.starting.start(request.actor(),
                new CompanyId(request.path("companyId"))), Views::startedImport);
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        return Responses.json(200, Views.renewalImport(renewals.viewing.get(request.actor(),
                new CompanyId(request.path("companyId")), new ImportId(request.path("importId")))));
    }

    private APIGatewayV2HTTPResponse rows(ApiRequest request) {
        return Responses.json(200, Views.page(renewals.viewing.rows(request.actor(),
                new CompanyId(request.path("companyId")), new ImportId(request.path("importId")), request.query("list"),
                request.query("reason"), request.page()), Views::importRow));
    }

    /** A manager of the customer (or of a partner above it), or a platform admin: the company, read once. */
    private Company authorize(ApiRequest request) {
        return renewals.licensing.companyAccess.customer(request.actor(), new CompanyId(request.path("companyId")));
    }

    private APIGatewayV2HTTPResponse analyse(ApiRequest request) {
        AnalyseBody body = Json.read(request.body(), AnalyseBody.class);
        return commands.runBulk(request, () -> authorize(request), (company, key) -> renewals.analysing.reanalyse(
                        request.actor(), company, new ImportId(request.path("importId")), body.emailColumn()),
                // 202: a large file is analysed by the analysis worker; GET the import until it is analysed.
                renewalImport -> renewalImport.status() == ImportStatus.analysing ? 202 : 200,
                (company, renewalImport) -> Views.renewalImport(renewalImport));
    }

    private APIGatewayV2HTTPResponse confirm(ApiRequest request) {
        ConfirmBody body = Json.read(request.body(), ConfirmBody.class);
        return commands.runBulk(request, () -> authorize(request), (company, key) -> renewals.confirming.confirm(
                        request.actor(), company, new ImportId(request.path("importId")), body.analysisId(), body.exclude()),
                // 202: a large confirm runs in the confirm worker; GET the import until it is confirmed.
                renewalImport -> renewalImport.status() == ImportStatus.confirming ? 202 : 200,
                (company, renewalImport) -> Views.renewalImport(renewalImport));
    }

    record AnalyseBody(String emailColumn) {
    }

    /** {@code analysisId}: the analysis the manager reviewed (GET …/renewal-imports/{importId}). */
    record ConfirmBody(String analysisId, List<String> exclude) {
    }
}
