package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.SeatPlan;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Tallies;
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
    private final Tallies tallies;

    public SeatingUnlicensed(Learners learners, LicencePools pools, Clock clock, Backoff backoff, Tallies tallies) {
        this.learners = learners;
        this.pools = pools;
        this.clock = clock;
        this.backoff = backoff;
        this.tallies = tallies;
    }

    /**
     * Seats the unlicensed learners in what the company's pools owe them. Answers the pools as read, when
     * that read still stands (nothing was owed, or no seat was tried for), so the caller need not read them
     * again; empty when seats moved.
     */
    public Optional<CompanyPools> settle(Company company) {
        CompanyPools read = pools.seating(company.companyId());
        List<LicencePool> owing = read.owingSeats();
        if (owing.isEmpty()) return Optional.of(read);
        Instant now = clock.instant();
        List<Learner> waiting = new ArrayList<>(learners.unlicensedNow(company.companyId()));
        CompanyPools current = read;
        boolean settled = false;
        boolean tried = false;
        int attempts = 0;
        while (!waiting.isEmpty()) {
            List<LicencePool> free = (current != null ? current : pools.seating(company.companyId())).withFreeSeats(now);
            current = null;
            int wanted = Math.min(waiting.size(), SEATED_AT_ONCE);
            SeatPlan plan = SeatPlan.take(wanted, free, now);
            if (plan.size() == 0) break;
            // The chunk that seats the last learner, or takes the last free seat, records the pools settled.
            boolean last = plan.size() == waiting.size() || plan.size() < wanted;
            List<Learners.Change> changes = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                changes.add(new Learners.Change(waiting.get(i), waiting.get(i).withSeat(plan.seat(i))));
            }
            tried = true;
            try {
                learners.allocate(company.companyId(), changes, plan.takes(), Optional.empty(), now,
                        last ? owing : List.of());
                tallies.seatsAllocated(plan.size());
                waiting.subList(0, plan.size()).clear();
                settled = settled || last;
            } catch (Learners.SeatsTaken e) {
                if (++attempts == MAX_ATTEMPTS) throw busy();
                backoff.beforeRetry(attempts);
            } catch (Learners.LearnersChanged e) {
                waiting.removeIf(l -> e.learners().contains(l.learnerId()));
                if (++attempts == MAX_ATTEMPTS) throw busy();
                backoff.beforeRetry(attempts);
            }
        }
        if (!settled) owing.forEach(pools::settled);
        return tried ? Optional.empty() : Optional.of(read);
    }

    private static Problem busy() {
        return Problem.keptChanging("the company's seats kept changing; try again");
    }
}
