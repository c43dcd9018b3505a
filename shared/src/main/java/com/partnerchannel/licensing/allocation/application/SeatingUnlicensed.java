package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.SeatPlan;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.observability.Metrics;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The work an assignment leaves: unlicensed learners take the new seats, oldest first, as far as they
 * go. The pool records that it owes this until it is done, so a crash half-way is finished by the next
 * run (the next assignment, add or renewal for the company); running it twice gives no seat twice.
 */
public final class SeatingUnlicensed {
    /** Each lost race means another request took seats; a pool of N seats can make a request lose N times. */
    private static final int MAX_ATTEMPTS = 64;
    /**
     * Unlicensed learners seated per allocation when an order is assigned: well within what one allocation
     * holds (a learner each, and at most as many pools).
     */
    static final int SEATED_AT_ONCE = 30;

    private final Learners learners;
    private final LicencePools pools;
    private final Clock clock;
    private final Backoff backoff;

    public SeatingUnlicensed(Learners learners, LicencePools pools, Clock clock, Backoff backoff) {
        this.learners = learners;
        this.pools = pools;
        this.clock = clock;
        this.backoff = backoff;
    }

    public void settle(Company company) {
        List<LicencePool> owing = pools.owingSeats(company.companyId());
        if (owing.isEmpty()) return;
        Instant now = clock.instant();
        List<Learner> waiting = new ArrayList<>(learners.unlicensedNow(company.companyId()));
        int attempts = 0;
        while (!waiting.isEmpty()) {
            List<LicencePool> free = pools.withFreeSeats(company.companyId(), now);
            SeatPlan plan = SeatPlan.take(Math.min(waiting.size(), SEATED_AT_ONCE), free, now);
            if (plan.size() == 0) break;
            List<Learners.Change> changes = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                changes.add(new Learners.Change(waiting.get(i), waiting.get(i).withSeat(plan.seat(i))));
            }
            try {
                learners.allocate(company.companyId(), changes, plan.takes(), Optional.empty(), now);
                Metrics.count(Metrics.SEATS_ALLOCATED, plan.size());
                waiting.subList(0, plan.size()).clear();
            } catch (Learners.SeatsTaken e) {
                if (++attempts == MAX_ATTEMPTS) throw busy();
                backoff.beforeRetry(attempts);
            } catch (Learners.LearnersChanged e) {
                waiting.removeIf(l -> e.learners().contains(l.learnerId()));
                if (++attempts == MAX_ATTEMPTS) throw busy();
                backoff.beforeRetry(attempts);
            }
        }
        owing.forEach(pools::settled);
    }

    private static Problem busy() {
        return Problem.keptChanging("the company's seats kept changing; try again");
    }
}
