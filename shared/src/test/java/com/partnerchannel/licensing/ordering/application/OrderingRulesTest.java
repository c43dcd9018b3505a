package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.ordering.model.OrderStatus;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.testing.InMemoryLicensing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static com.partnerchannel.licensing.testing.InMemoryLicensing.managerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules 1, 3, 4 and 5 of docs/product.md, on the use cases over the in-memory adapters. */
class OrderingRulesTest {
    private final InMemoryLicensing licensing = new InMemoryLicensing();
    private final Company distributor = licensing.aDistributor();
    private final Company acme = licensing.aCustomerUnder(distributor, "premium");

    private static Problem.Kind refusal(Throwable thrown) {
        return ((Problem) thrown).kind();
    }

    @Test
    @DisplayName("rule 1: a pool's seats run 12 calendar months from the assignment, all ending together")
    void aPoolRunsTwelveCalendarMonthsFromItsAssignment() {
        licensing.clock.set(Instant.parse("2028-02-29T10:15:00Z"));
        LicencePool pool = licensing.aPool(acme, distributor, 3);
        assertThat(pool.startsAt()).isEqualTo(Instant.parse("2028-02-29T10:15:00Z"));
        assertThat(pool.expiresAt()).isEqualTo(Instant.parse("2029-02-28T10:15:00Z"));
        licensing.clock.advance(Duration.ofDays(40));
        licensing.add(acme, "late@acme.test");
        assertThat(licensing.learner(acme, "late@acme.test").expiresAt()).contains(pool.expiresAt());
        assertThat(licensing.learner(acme, acme.managers().get(0).email()).expiresAt()).contains(pool.expiresAt());
    }

    @Test
    @DisplayName("rule 3: the kind follows the plan when left out, the other kind is refused, and the parent hears of it")
    void theKindFollowsThePlan() {
        Company trial = licensing.aCustomerUnder(distributor, "trial");
        Order upgrade = licensing.anOrder(trial, 5);
        Order more = licensing.anOrder(acme, 5);
        assertThat(upgrade.kind()).isEqualTo(OrderKind.upgrade);
        assertThat(more.kind()).isEqualTo(OrderKind.new_);
        assertThatThrownBy(() -> licensing.licensing.requestingOrder.request(managerOf(acme), acme.companyId(),
                RequestOrder.of(5, OrderKind.upgrade))).matches(e -> refusal(e) == Problem.Kind.INVALID);
        assertThatThrownBy(() -> licensing.licensing.requestingOrder.request(managerOf(trial), trial.companyId(),
                RequestOrder.of(5, OrderKind.new_))).matches(e -> refusal(e) == Problem.Kind.INVALID);
        assertThat(licensing.events("OrderRequested")).hasSize(2)
                .allSatisfy(event -> assertThat(event.detail()).containsEntry("parentId", distributor.companyId().value()));
    }

    @Test
    @DisplayName("rule 3: a partner above orders for its customer; licences are ordered for customers only; 1 to 100,000")
    void licencesAreOrderedForCustomersByThemOrAPartnerAbove() {
        Order byPartner = licensing.done(licensing.licensing.requestingOrder.request(managerOf(distributor), acme.companyId(),
                new RequestOrder(7, Optional.empty(), Optional.of("PO-9"), Optional.empty())));
        assertThat(byPartner.requestedByCompanyId()).isEqualTo(distributor.companyId());
        assertThatThrownBy(() -> licensing.licensing.requestingOrder.request(managerOf(distributor), distributor.companyId(),
                RequestOrder.of(7))).matches(e -> refusal(e) == Problem.Kind.INVALID);
        assertThatThrownBy(() -> licensing.licensing.requestingOrder.request(managerOf(acme), acme.companyId(),
                RequestOrder.of(100_001))).matches(e -> refusal(e) == Problem.Kind.INVALID);
        Company other = licensing.aCustomerUnder(licensing.aDistributor(), "premium");
        assertThatThrownBy(() -> licensing.licensing.requestingOrder.request(managerOf(acme), other.companyId(),
                RequestOrder.of(1))).matches(e -> refusal(e) == Problem.Kind.NOT_FOUND);
    }

    @Test
    @DisplayName("rule 4: assigning creates the pool once and tells the customer; a second assignment is refused")
    void assigningCreatesThePoolOnce() {
        Order order = licensing.anOrder(acme, 4);
        Order assigned = licensing.done(licensing.licensing.assigningOrder.assign(managerOf(distributor), order.orderId()));
        assertThat(assigned.status()).isEqualTo(OrderStatus.assigned);
        assertThat(licensing.ports.pools().ofCompany(acme.companyId())).singleElement()
                .satisfies(pool -> assertThat(pool.seats()).isEqualTo(4));
        assertThat(licensing.events("OrderAssigned")).hasSize(1);
        assertThatThrownBy(() -> licensing.licensing.assigningOrder.assign(managerOf(distributor), order.orderId()))
                .matches(e -> refusal(e) == Problem.Kind.CONFLICT);
    }

    @Test
    @DisplayName("rule 4: a customer manager never assigns nor rejects; rejecting takes a reason")
    void aCustomerManagerNeverAssignsNorRejects() {
        Order order = licensing.anOrder(acme, 4);
        assertThatThrownBy(() -> licensing.licensing.assigningOrder.assign(managerOf(acme), order.orderId()))
                .matches(e -> refusal(e) == Problem.Kind.FORBIDDEN);
        assertThatThrownBy(() -> licensing.licensing.rejectingOrder.reject(managerOf(acme), order.orderId(), "no"))
                .matches(e -> refusal(e) == Problem.Kind.FORBIDDEN);
        assertThatThrownBy(() -> licensing.licensing.rejectingOrder.reject(managerOf(distributor), order.orderId(), " "))
                .matches(e -> refusal(e) == Problem.Kind.INVALID);
        Order rejected = licensing.done(licensing.licensing.rejectingOrder.reject(managerOf(distributor), order.orderId(),
                "no budget"));
        assertThat(rejected.status()).isEqualTo(OrderStatus.rejected);
        assertThat(rejected.rejectionReason()).contains("no budget");
        assertThat(licensing.ports.pools().ofCompany(acme.companyId())).isEmpty();
    }

    @Test
    @DisplayName("rule 4: the requester's side cancels a requested order, and only a requested one")
    void theRequestersSideCancels() {
        Order order = licensing.anOrder(acme, 4);
        assertThatThrownBy(() -> licensing.licensing.cancellingOrder.cancel(managerOf(distributor), order.orderId()))
                .matches(e -> refusal(e) == Problem.Kind.FORBIDDEN);
        Order cancelled = licensing.done(licensing.licensing.cancellingOrder.cancel(managerOf(acme), order.orderId()));
        assertThat(cancelled.status()).isEqualTo(OrderStatus.cancelled);
        assertThatThrownBy(() -> licensing.licensing.assigningOrder.assign(managerOf(distributor), order.orderId()))
                .matches(e -> refusal(e) == Problem.Kind.CONFLICT);
    }

    @Test
    @DisplayName("rule 5: an upgrade makes the company premium and ends every trial licence at that moment")
    void assigningAnUpgradeOrderExpiresTrialLicences() {
        Company trial = licensing.aCustomerUnder(distributor, "trial");
        licensing.add(trial, "homer@globex.test");
        licensing.clock.advance(Duration.ofDays(3));
        Instant upgradedAt = licensing.clock.instant();
        LicencePool pool = licensing.aPool(trial, distributor, 5);

        Company now = licensing.company(trial);
        assertThat(now.plan()).contains(Plan.premium);
        assertThat(now.trialEndsAt()).contains(upgradedAt);
        assertThat(licensing.ports.learners().count(now, licensing.clock.instant()))
                .containsEntry(LicenceStatus.expired, 2).containsEntry(LicenceStatus.active, 0);
        assertThat(licensing.pool(pool).allocated()).as("the new seats are left for a manager to allocate").isZero();
        assertThat(licensing.events("TrialUpgraded")).hasSize(1);
    }

    @Test
    @DisplayName("rule 5: learners added after the trial ran out take the upgrade's seats by themselves")
    void unlicensedLearnersOfARunOutTrialTakeTheUpgradesSeats() {
        Company trial = licensing.aCustomerUnder(distributor, "trial");
        licensing.clock.advance(Duration.ofDays(31));
        licensing.add(trial, "late@globex.test");
        assertThat(licensing.learner(trial, "late@globex.test").recordedStatus()).contains(LicenceStatus.unlicensed);
        LicencePool pool = licensing.aPool(trial, distributor, 5);
        assertThat(licensing.learner(trial, "late@globex.test").poolId()).contains(pool.poolId());
        assertThat(licensing.learner(trial, trial.managers().get(0).email()).poolId()).isEmpty();
        assertThat(licensing.pool(pool).allocated()).isEqualTo(1);
    }

    @Test
    @DisplayName("rule 5: an upgrade order for a company that is premium already cannot be assigned")
    void anUpgradeForAPremiumCompanyIsRefused() {
        Company trial = licensing.aCustomerUnder(distributor, "trial");
        Order first = licensing.anOrder(trial, 1);
        Order second = licensing.anOrder(trial, 1);
        licensing.done(licensing.licensing.assigningOrder.assign(managerOf(distributor), first.orderId()));
        assertThatThrownBy(() -> licensing.licensing.assigningOrder.assign(managerOf(distributor), second.orderId()))
                .matches(e -> refusal(e) == Problem.Kind.CONFLICT);
        assertThat(licensing.ports.pools().ofCompany(trial.companyId())).hasSize(1);
    }

    @Test
    @DisplayName("rule 13: a platform admin assigns as a partner above would")
    void aPlatformAdminAssigns() {
        Order order = licensing.anOrder(acme, 2);
        Actor admin = InMemoryLicensing.PLATFORM_ADMIN;
        assertThat(licensing.done(licensing.licensing.assigningOrder.assign(admin, order.orderId())).status())
                .isEqualTo(OrderStatus.assigned);
    }
}
