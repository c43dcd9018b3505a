package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTest {
    private final Company distributor = company("D", TreePath.root(new CompanyId("D")), CompanyKind.partner);
    private final Company msp = company("M", distributor.path().child(new CompanyId("M")), CompanyKind.partner);
    private final Company customer = company("C", msp.path().child(new CompanyId("C")), CompanyKind.customer);

    @Test
    void aPartnerManagerSeesItsCompanyAndEveryCompanyBelowButNotAbove() {
        Actor mspManager = manager("M");
        assertThat(Access.canSee(mspManager, msp)).isTrue();
        assertThat(Access.canSee(mspManager, customer)).isTrue();
        assertThat(Access.canSee(mspManager, distributor)).isFalse();
    }

    @Test
    void onlyPartnersStrictlyAboveACustomerAreAboveIt() {
        assertThat(Access.isAbove(manager("M"), customer)).isTrue();
        assertThat(Access.isAbove(manager("D"), customer)).isTrue();
        assertThat(Access.isAbove(manager("C"), customer)).isFalse();
    }

    @Test
    void companiesOutOfSightAreNotFoundAndLearnersAreForbidden() {
        assertThatThrownBy(() -> Access.requireVisible(manager("C"), msp))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
        Actor learner = new Actor(new UserId("u"), new CompanyId("C"), Role.learner);
        assertThatThrownBy(() -> Access.requireVisible(learner, customer))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
    }

    private static Actor manager(String companyId) {
        return new Actor(new UserId("u-" + companyId), new CompanyId(companyId), Role.manager);
    }

    private static Company company(String id, TreePath path, CompanyKind kind) {
        return new Company(new CompanyId(id), id, kind, Optional.empty(), path, Optional.empty(), Instant.EPOCH,
                Optional.empty(), List.of());
    }
}
