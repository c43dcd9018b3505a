package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;

import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.allocation.model.SeatPlan;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A manager renews chosen learners, or every expired learner at once. All or nothing against the free
 * seats: with fewer free than asked for, nothing is allocated and the refusal says how many are needed
 * and how many are free.
 *
 * <p>Thousands of learners do not fit one transaction, so the seats are reserved first (pool counters
 * and a reservation record in one transaction), then moved to learners chunk by chunk (each chunk
 * records its use of the reservation atomically), and what is left is returned, also when a chunk
 * fails. A retry with the same Idempotency-Key skips the learners the first attempt renewed and
 * resumes its reservation if it is still open; a reservation a crashed run left open is closed by the
 * next renewal of the company. See docs/allocation.md.
 */
public final class RenewingLicences {
    public static final int MAX_LEARNERS = 100_000;
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);
    /** Each lost race means another request took seats; a pool of N seats can make a request lose N times. */
    private static final int MAX_ATTEMPTS = 64;

    private final CompanyAccess access;
    private final Learners learners;
    private final LicencePools pools;
    private final Reservations reservations;
    private final SeatingUnlicensed seatingUnlicensed;
    private final Ids ids;
    private final Clock clock;
    private final Backoff backoff;

    public RenewingLicences(Companies companies, Learners learners, LicencePools pools, Reservations reservations,
                            SeatingUnlicensed seatingUnlicensed, Ids ids, Clock clock, Backoff backoff) {
        this.backoff = backoff;
        this.access = new CompanyAccess(companies);
        this.learners = learners;
        this.pools = pools;
        this.reservations = reservations;
        this.seatingUnlicensed = seatingUnlicensed;
        this.ids = ids;
        this.clock = clock;
    }

    public Renewal renew(Actor actor, CompanyId companyId, Renew request, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        return renew(actor, access.customer(actor, companyId), request, requestKey);
    }

    /**
     * The same, in a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}), with
     * {@code request} read only once the actor may renew there: a learner hears 403 whatever it sent.
     */
    public Renewal renew(Actor actor, Company customer, Supplier<Renew> request, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        CompanyAccess.customer(actor, customer);
        return renew(actor, customer, request.get(), requestKey);
    }

    /** The same, in a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}). */
    public Renewal renew(Actor actor, Company customer, Renew request, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        Company company = CompanyAccess.customer(actor, customer);
        CompanyId companyId = company.companyId();
        boolean allExpired = request.allExpired();
        List<UserId> chosen = request.learnerIds();
        Instant now = clock.instant();
        // One read of the pools: what settling needs, then (unless settling moved seats) where the seats come from.
        Optional<CompanyPools> settled = seatingUnlicensed.settle(company);
        // One read of the open reservations: those a crashed run left (closed here), and this renewal's own.
        List<Reservation> open = reservations.open(companyId);
        Instant abandonedBefore = now.minus(ABANDONED_AFTER);
        List<Reservation> abandoned = open.stream().filter(r -> r.createdAt().isBefore(abandonedBefore)).toList();
        abandoned.forEach(reservations::close);
        // Closing an abandoned reservation gives its seats back: the pools as read before are then out of date.
        CompanyPools known = settled.filter(read -> abandoned.isEmpty()).orElseGet(() -> pools.seating(companyId));

        // The renewal's id marks the learners it renews, so a retry (same Idempotency-Key) knows its own work.
        String renewalId = requestKey.map(key -> "K" + DerivedIds
                .derived(companyId.value(), actor.userId().value(), "renewal", key)).orElseGet(ids::next);
        List<Renewal.Skipped> skipped = new ArrayList<>();
        List<Learner> targets = targets(company, allExpired, chosen, renewalId, now, skipped);
        if (targets.size() > MAX_LEARNERS) {
            throw Problem.invalid("allExpired", company.name() + " has " + targets.size() + " expired learners; one"
                    + " renewal renews at most " + MAX_LEARNERS + ": renew them in parts with learnerIds");
        }
        List<Learner> renewed = new ArrayList<>();
        targets.removeIf(learner -> {
            if (renewalId.equals(learnerRenewal(learner))) {
                renewed.add(learner); // renewed by an earlier attempt of this same request
                return true;
            }
            return false;
        });
        if (targets.isEmpty()) return new Renewal(renewed, skipped);

        Optional<Reservation> own = open.stream().filter(r -> r.isOf(renewalId) && !abandoned.contains(r)).findFirst();
        Reservation reservation = own
                .filter(left -> left.reserved().keySet().stream().mapToInt(left::unused).sum() >= targets.size())
                .orElseGet(() -> {
                    own.ifPresent(reservations::close);
                    return reserve(company, renewalId + "-" + ids.next(), targets.size(), now, known);
                });
        Reservation[] used = {reservation};
        try {
            renewed.addAll(allocate(company, reservation, renewalId, targets, now, skipped, known,
                    after -> used[0] = after));
        } finally {
            // Whatever happened, the seats not given go back to their pools. The reservation as this run used it:
            // if another run used it too (or a commit's answer was lost), the close's condition fails and it reads again.
            reservations.close(used[0]);
        }
        return new Renewal(renewed, skipped);
    }

    private List<Learner> targets(Company company, boolean allExpired, List<UserId> chosen, String renewalId,
                                  Instant now, List<Renewal.Skipped> skipped) {
        if (allExpired) {
            List<Learner> expired = new ArrayList<>(learners.all(company, LicenceStatus.expired, now));
            // On a retry, the learners the first attempt renewed are active now: count them as renewed.
            learners.all(company, LicenceStatus.active, now).stream()
                    .filter(l -> renewalId.equals(learnerRenewal(l))).forEach(expired::add);
            return expired;
        }
        List<UserId> ids = new ArrayList<>(new LinkedHashSet<>(chosen));
        List<String> unknown = new ArrayList<>();
        Map<UserId, Learner> byId = new LinkedHashMap<>();
        // A confirmed import names most of the company: its learners are read as its analysis read them.
        learners.withIds(company.companyId(), ids, learner -> {
            if (learner.holdsLicences()) byId.put(learner.learnerId(), learner);
        });
        List<Learner> found = new ArrayList<>();
        for (UserId id : ids) {
            Learner learner = byId.get(id);
            if (learner == null) unknown.add(id.value());
            else found.add(learner);
        }
        if (!unknown.isEmpty()) {
            throw Problem.invalid("learnerIds", unknown.size() + " are not learners of " + company.name() + ": "
                    + String.join(", ", unknown.subList(0, Math.min(20, unknown.size())))
                    + (unknown.size() > 20 ? ", …" : ""));
        }
        List<Learner> targets = new ArrayList<>();
        for (Learner learner : found) {
            if (learner.isArchived()) {
                // Archived learners hold nothing until restored (rule 12); a renewal never brings one back.
                skipped.add(new Renewal.Skipped(learner.learnerId(), "archived"));
            } else if (learner.statusAt(now, company) == LicenceStatus.active
                    && !renewalId.equals(learnerRenewal(learner))) {
                skipped.add(new Renewal.Skipped(learner.learnerId(), "already active"));
            } else {
                targets.add(learner);
            }
        }
        return targets;
    }

    private Reservation reserve(Company company, String reservationId, int needed, Instant now, CompanyPools known) {
        for (int attempt = 1; ; attempt++) {
            List<LicencePool> free = (attempt == 1 ? known : pools.seating(company.companyId())).withFreeSeats(now);
            int available = SeatPlan.free(free, now);
            if (available < needed) throw insufficient(needed, available);
            SeatPlan plan = SeatPlan.take(needed, free, now);
            try {
                return reservations.reserve(company.companyId(), reservationId, plan.takes(), now);
            } catch (Learners.SeatsTaken e) {
                if (attempt == MAX_ATTEMPTS) throw Problem.keptChanging("the company's seats kept changing; try again");
                backoff.beforeRetry(attempt);
            } catch (Reservations.AlreadyExists e) {
                return reservations.get(company.companyId(), reservationId).orElseThrow(() -> e);
            }
        }
    }

    private List<Learner> allocate(Company company, Reservation reservation, String renewalId, List<Learner> targets,
                                   Instant now, List<Renewal.Skipped> skipped, CompanyPools known,
                                   java.util.function.Consumer<Reservation> usedSoFar) {
        Map<PoolId, Integer> left = new LinkedHashMap<>();
        Map<PoolId, LicencePool> poolsById = new LinkedHashMap<>();
        // The pools read before reserving name every pool a reservation made since can hold (a retry of the
        // reservation may have found a newer one: then read them again). Only their ids and expiries are used.
        List<LicencePool> all = known.pools();
        if (!all.stream().map(LicencePool::poolId).collect(java.util.stream.Collectors.toSet())
                .containsAll(reservation.reserved().keySet())) {
            all = pools.ofCompany(company.companyId());
        }
        all.stream().sorted(Comparator.comparing(LicencePool::expiresAt))
                .forEach(pool -> {
                    if (reservation.unused(pool.poolId()) > 0) {
                        left.put(pool.poolId(), reservation.unused(pool.poolId()));
                        poolsById.put(pool.poolId(), pool);
                    }
                });
        List<Learner> renewed = new ArrayList<>();
        List<Learner> waiting = new ArrayList<>(targets);
        Reservation current = reservation;
        int attempts = 0;
        while (!waiting.isEmpty()) {
            List<Learner> chunk = waiting.subList(0, chunkSize(waiting, learners::mostAllocatedFromReservation));
            List<Learners.Change> changes = new ArrayList<>();
            Map<PoolId, Integer> taken = new LinkedHashMap<>();
            Map<PoolId, Integer> remaining = new LinkedHashMap<>(left);
            for (Learner learner : chunk) {
                PoolId pool = remaining.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                        .findFirst().orElseThrow(() -> new IllegalStateException("reservation ran out of seats"));
                remaining.merge(pool, -1, Integer::sum);
                taken.merge(pool, 1, Integer::sum);
                changes.add(new Learners.Change(learner,
                        learner.withSeat(poolsById.get(pool)).allocatedBy(renewalId)));
            }
            try {
                List<SeatTake> takes = taken.entrySet().stream()
                        .map(e -> new SeatTake(poolsById.get(e.getKey()), e.getValue())).toList();
                learners.allocate(company.companyId(), changes, takes, Optional.of(current), now);
                current = current.using(taken);
                usedSoFar.accept(current);
                left.clear();
                left.putAll(remaining);
                changes.forEach(change -> renewed.add(change.after()));
                chunk.clear();
            } catch (Learners.LearnersChanged e) {
                chunk.removeIf(learner -> {
                    if (!e.learners().contains(learner.learnerId())) return false;
                    skipped.add(new Renewal.Skipped(learner.learnerId(), "changed by another request meanwhile"));
                    return true;
                });
                if (++attempts == MAX_ATTEMPTS) throw Problem.keptChanging("the learners kept changing; try again");
                backoff.beforeRetry(attempts);
            } catch (Learners.SeatsTaken e) {
                // A transaction conflict (real DynamoDB, not Local): the seats are reserved, so try the chunk again.
                if (++attempts == MAX_ATTEMPTS) throw Problem.keptChanging("the learners kept changing; try again");
                backoff.beforeRetry(attempts);
            }
        }
        return renewed;
    }

    /**
     * As many of the first learners waiting as one allocation from the reservation holds ({@code most}, given
     * the pools they leave: the old, expired pools get their seats back in the same write).
     */
    static int chunkSize(List<Learner> waiting, java.util.function.IntUnaryOperator most) {
        Set<PoolId> oldPools = new java.util.HashSet<>();
        boolean counted = false;
        int size = 0;
        while (size < waiting.size()) {
            Optional<PoolId> old = waiting.get(size).poolId();
            int pools = oldPools.size() + (old.isPresent() && !oldPools.contains(old.get()) ? 1 : 0);
            // A learner without a seat (a trial licence, unlicensed) changes the company's counters: one item more.
            boolean counts = counted || old.isEmpty();
            if (size + 1 > most.applyAsInt(pools + (counts ? 1 : 0))) break;
            old.ifPresent(oldPools::add);
            counted = counts;
            size++;
        }
        return size;
    }

    private static String learnerRenewal(Learner learner) {
        return learner.allocationId().orElse("");
    }

    static Problem insufficient(int needed, int free) {
        return new Problem(Problem.Kind.INSUFFICIENT_SEATS, "Not enough free seats",
                needed + " seats are needed and " + free + " are free; nothing was allocated. Order "
                        + (needed - free) + " more, or renew fewer learners.",
                List.of(), Map.of("needed", needed, "free", free));
    }
}
