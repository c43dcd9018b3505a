package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.Reanalysis;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RenewalImports}: an import is saved only over the version it was read at (optimistic concurrency). */
public abstract class RenewalImportsContract extends PortContract {

    @Test
    void anImportIsSavedOverTheVersionItWasReadAtAndNoOther() {
        Company acme = aCustomer(Plan.premium);
        Actor manager = new Actor(acme.managers().get(0).userId(), acme.companyId(), Role.manager);
        RenewalImport started = RenewalImport.started(new ImportId(ids.next()), acme.companyId(), new UserId("u1"),
                clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        commit(new NewRenewalImport(started));
        assertThat(ports.renewalImports().get(acme.companyId(), started.importId())).contains(started);

        RenewalImport first = started.analysing(new Reanalysis("r1", "email", manager, clock.instant()));
        ports.renewalImports().save(first);
        assertThat(ports.renewalImports().get(acme.companyId(), started.importId())).contains(first);
        RenewalImport stale = started.analysing(new Reanalysis("r2", "mail", manager, clock.instant()));
        assertThatThrownBy(() -> ports.renewalImports().save(stale)).isInstanceOf(RenewalImports.Changed.class);
        assertThat(ports.renewalImports().get(acme.companyId(), started.importId())).contains(first);
    }

    @Test
    void anImportThatWasNeverStartedIsNotSaved() {
        Company acme = aCustomer(Plan.premium);
        RenewalImport neverStored = RenewalImport.started(new ImportId(ids.next()), acme.companyId(), new UserId("u1"),
                clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        Actor manager = new Actor(acme.managers().get(0).userId(), acme.companyId(), Role.manager);
        assertThatThrownBy(() -> ports.renewalImports().save(neverStored.analysing(new Reanalysis("r1", "email", manager,
                clock.instant())))).isInstanceOf(RenewalImports.Changed.class);
        assertThat(ports.renewalImports().get(acme.companyId(), neverStored.importId())).isEmpty();
    }
}
