package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.renewal.application.AnalysingRenewalImport;
import com.partnerchannel.licensing.renewal.application.ConfirmingRenewalImport;
import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.renewal.application.StartingRenewalImport;
import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.application.ViewingRenewalImport;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.tenancy.application.Companies;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;

/** CSV renewal imports wired by hand, on top of the licensing core and the upload bucket. */
public final class Renewals {
    public final Licensing licensing;
    public final StartingRenewalImport starting;
    public final AnalysingRenewalImport analysing;
    public final ConfirmingRenewalImport confirming;
    public final ViewingRenewalImport viewing;

    /**
     * How much work a request does itself before handing it to a worker: the largest confirm (learners)
     * renewed, and the largest file (bytes) re-analysed, within the request.
     */
    public record Limits(int confirmAtOnceUpTo, long analyseAtOnceUpToBytes) {
        public static final Limits DEFAULT = new Limits(ConfirmingRenewalImport.ANSWER_AT_ONCE_UP_TO,
                AnalysingRenewalImport.ANALYSE_AT_ONCE_UP_TO_BYTES);
    }

    public Renewals(Licensing licensing, Uploads uploads) {
        this(licensing, uploads, Limits.DEFAULT);
    }

    public Renewals(Licensing licensing, Uploads uploads, Limits limits) {
        this.licensing = licensing;
        Companies companies = licensing.ports.companies();
        RenewalImports imports = licensing.ports.renewalImports();
        Ulids ids = new Ulids(licensing.clock);
        this.starting = new StartingRenewalImport(companies, uploads, ids, licensing.clock);
        this.analysing = new AnalysingRenewalImport(companies, imports, uploads,
                licensing.ports.learners(), licensing.transactions, ids, licensing.clock,
                limits.analyseAtOnceUpToBytes());
        this.confirming = new ConfirmingRenewalImport(companies, imports, uploads, licensing.renewingLicences,
                licensing.transactions, ids, licensing.clock, limits.confirmAtOnceUpTo(), licensing.backoff);
        this.viewing = new ViewingRenewalImport(companies, imports, uploads);
    }

    public static Renewals fromEnvironment() {
        return from(Configuration.fromEnvironment(), Clocks.system());
    }

    public static Renewals from(Configuration configuration, Clock clock) {
        Limits limits = new Limits(
                configuration.optional(Configuration.CONFIRM_AT_ONCE_UP_TO).map(Integer::parseInt)
                        .orElse(Limits.DEFAULT.confirmAtOnceUpTo()),
                configuration.optional(Configuration.ANALYSE_AT_ONCE_UP_TO_BYTES).map(Long::parseLong)
                        .orElse(Limits.DEFAULT.analyseAtOnceUpToBytes()));
        return new Renewals(Licensing.from(configuration, clock), uploads(configuration), limits);
    }

    public static S3Uploads uploads(Configuration configuration) {
        String bucket = configuration.required(Configuration.UPLOAD_BUCKET);
        java.util.Optional<String> endpoint = configuration.optional(Configuration.S3_ENDPOINT);
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build();
        S3ClientBuilder s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(SdkInterceptors::addToEveryClient)
                .serviceConfiguration(pathStyle);
        S3Presigner.Builder presigner = S3Presigner.builder().serviceConfiguration(pathStyle);
        endpoint.map(URI::create).ifPresent(uri -> {
            s3.endpointOverride(uri);
            presigner.endpointOverride(uri);
        });
        return new S3Uploads(s3.build(), presigner.build(), bucket);
    }
}
