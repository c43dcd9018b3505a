package com.partnerchannel.licensing.onboarding.application;

import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating companies: rules 2, 3 (the initial order), 6 (managers) and 13 (who may create), over the in-memory adapters. */
class OnboardingRulesTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final Company distributor = licensing.aDistributor();

    private Company create(Company parent, String plan, CreateCompany.InitialOrder initialOrder) {
        return licensing.done(licensing.licensing.creatingCompany.create(managerOf(parent), new CreateCompany("Globex",
                CompanyKind.customer, Optional.of(parent.companyId()), Optional.ofNullable(plan).map(Plan::valueOf),
                List.of(new CreateCompany.NewManager("boss@globex.test", "Hank Scorpio")),
                Optional.ofNullable(initialOrder)))).company();
    }

    private List<Order> ordersOf(Company company) {
        return licensing.ports.orders().ofCompany(company.companyId(), Optional.empty(), PageRequest.first(50)).items();
    }

    @Test
    @DisplayName("rule 2: a trial runs 30 days from creation, and the managers named hold trial licences ending with it")
    void aTrialCustomersManagersHoldTrialLicences() {
        Company trial = create(distributor, "trial", null);
        assertThat(trial.trialEndsAt()).contains(trial.createdAt().plus(Duration.ofDays(30)));
        var boss = licensing.learner(trial, "boss@globex.test");
        assertThat(boss.licenceType()).contains(LicenceType.trial);
        assertThat(boss.statusAt(licensing.clock.instant(), trial)).isEqualTo(LicenceStatus.active);
        assertThat(boss.role()).isEqualTo(LearnerRole.manager);
    }

    @Test
    @DisplayName("a customer created without a plan is premium, and its managers wait unlicensed for seats (rule 6)")
    void aCustomerWithoutAPlanIsPremium() {
        Company premium = create(distributor, null, null);
        assertThat(premium.plan()).contains(Plan.premium);
        assertThat(licensing.learner(premium, "boss@globex.test").recordedStatus()).contains(LicenceStatus.unlicensed);
    }

    @Test
    @DisplayName("rules 3, 4 and 6: a partner's initial order is assigned with the premium customer it creates, its managers take seats, and nobody is asked to assign it")
    void anInitialOrderIsAssignedWithTheCompany() {
        Company premium = create(distributor, "premium", new CreateCompany.InitialOrder(5, Optional.of("PO-7")));
        Order order = ordersOf(premium).get(0);
        assertThat(ordersOf(premium)).hasSize(1);
        assertThat(order.kind()).isEqualTo(OrderKind.new_);
        assertThat(order.status()).isEqualTo(OrderStatus.assigned);
        assertThat(order.purchaseOrderRef()).contains("PO-7");
        assertThat(order.assignedBy()).contains(managerOf(distributor).userId());
        assertThat(licensing.ports.pools().ofCompany(premium.companyId())).singleElement().satisfies(pool -> {
            assertThat(pool.poolId()).isEqualTo(order.poolId().orElseThrow());
            assertThat(pool.seats()).isEqualTo(5);
            assertThat(pool.allocated()).isEqualTo(1);
        });
        assertThat(licensing.learner(premium, "boss@globex.test").statusAt(licensing.clock.instant(), premium))
                .isEqualTo(LicenceStatus.active);
        assertThat(licensing.events("OrderRequested")).singleElement()
                .satisfies(event -> assertThat(event.detail()).containsEntry("assignedOnCreation", true));
        assertThat(licensing.events("OrderAssigned")).hasSize(1);
    }

    @Test
    @DisplayName("rule 3: a trial customer takes no initial order, and nothing is created")
    void anInitialOrderOnATrialIsRefused() {
        assertThatThrownBy(() -> create(distributor, "trial", new CreateCompany.InitialOrder(25, Optional.of("PO-7"))))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID));
        assertThat(licensing.events("OrderRequested")).isEmpty();
    }

    @Test
    @DisplayName("rule 13: customers have nothing below them; a customer manager creates no company; only an admin makes a top-level partner")
    void whoMayCreateWhat() {
        Company customer = create(distributor, "premium", null);
        assertThatThrownBy(() -> create(customer, "premium", null))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
        assertThatThrownBy(() -> licensing.licensing.creatingCompany.create(InMemoryLicensing.PLATFORM_ADMIN,
                new CreateCompany("Top customer", CompanyKind.customer, Optional.empty(), Optional.empty(),
                        List.of(new CreateCompany.NewManager("a@b.test", "A")), Optional.empty())))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID));
        Company msp = licensing.done(licensing.licensing.creatingCompany.create(managerOf(distributor), new CreateCompany("MSP",
                CompanyKind.partner, Optional.empty(), Optional.empty(), List.of(), Optional.empty()))).company();
        assertThat(msp.parentId()).as("a partner manager's company without a parentId goes under its own")
                .contains(distributor.companyId());
    }

    @Test
    @DisplayName("a learner creates no company, and hears so before anything it sent is read")
    void aLearnerIsRefusedBeforeItsRequestIsRead() {
        Actor learner = new Actor(new UserId("01HZX3K8Q4Y7T2M9V6B5N1C0DE"), distributor.companyId(), Role.learner);
        assertThatThrownBy(() -> licensing.licensing.creatingCompany.create(learner, () -> {
            throw new AssertionError("the request was read");
        })).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
    }
}
