package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code POST …/renewal-imports}: the import, and a pre-signed URL to upload the file to, valid 15 minutes. */
public final class StartingRenewalImport {
    public static final Duration UPLOAD_WINDOW = Duration.ofMinutes(15);

    private final CompanyAccess access;
    private final Uploads uploads;
    private final Ids ids;
    private final Clock clock;

    public StartingRenewalImport(Companies companies, Uploads uploads, Ids ids, Clock clock) {
        this.access = new CompanyAccess(companies);
        this.uploads = uploads;
        this.ids = ids;
        this.clock = clock;
    }

    public Decision<StartedImport> start(Actor actor, CompanyId companyId) {
        actor.requireManagerOrAdmin();
        access.customer(actor, companyId);
        Instant now = clock.instant();
        RenewalImport started = RenewalImport.started(new ImportId(ids.next()), companyId, actor.userId(), now,
                now.plus(UPLOAD_WINDOW));
        return Decision.of(new StartedImport(started, uploads.presignPut(started.uploadKey(), UPLOAD_WINDOW)),
                new NewRenewalImport(started));
    }
}
