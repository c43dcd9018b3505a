package com.partnerchannel.licensing.config;

import com.partnerchannel.licensing.aws.AwsCalls;
import com.partnerchannel.licensing.common.Ulids;
import com.partnerchannel.licensing.renewal.application.AnalysingRenewalImport;
import com.partnerchannel.licensing.renewal.application.ConfirmingRenewalImport;
import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.renewal.application.StartingRenewalImport;
import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.renewal.application.ViewingRenewalImport;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.tenancy.application.Companies;

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
                limits.analyseAtOnceUpToBytes(), licensing.tallies);
        this.confirming = new ConfirmingRenewalImport(companies, imports, uploads, licensing.renewingLicences,
                licensing.transactions, ids, licensing.clock, limits.confirmAtOnceUpTo(), licensing.backoff,
                licensing.tallies);
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

    /** The upload bucket through {@code AwsCalls} (path-style on a given endpoint), traced as every client is. */
    public static S3Uploads uploads(Configuration configuration) {
        String bucket = configuration.required(Configuration.UPLOAD_BUCKET);
        AwsCalls.Builder s3 = SdkInterceptors.s3();
        configuration.optional(Configuration.S3_ENDPOINT).map(URI::create).ifPresent(s3::endpoint);
        S3Uploads uploads = new S3Uploads(s3.build(), bucket);
        Priming.register("S3 pre-signed PutObject URL (signed, not sent)", () -> uploads.presignPut("priming", java.time.Duration.ofMinutes(1)));
        return uploads;
    }
}
