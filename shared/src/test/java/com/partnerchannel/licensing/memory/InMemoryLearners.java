package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerCounting;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link Learners} on an {@link InMemoryTable}. Reads overlay time on the recorded status with the same
 * tests as DynamoLearners' filters; writes check the same conditions (a pool's free seats and expiry, an
 * email not yet claimed, a learner still as read, a reservation still open with the seats) before any
 * change, and move the pools' counters with the learners.
 */
public final class InMemoryLearners implements Learners {
    private final InMemoryTable table;

    public InMemoryLearners(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<Learner> get(CompanyId companyId, UserId learnerId) {
        synchronized (table) {
            return Optional.ofNullable(table.learnersOf(companyId).get(learnerId));
        }
    }

    @Override
    public List<Learner> getAll(CompanyId companyId, Collection<UserId> learnerIds) {
        synchronized (table) {
            Map<UserId, Learner> learners = table.learnersOf(companyId);
            return new LinkedHashSet<>(learnerIds).stream().map(learners::get).filter(java.util.Objects::nonNull).toList();
        }
    }

    @Override
    public List<Learner> unlicensedNow(CompanyId companyId) {
        return matching(companyId, l -> l.recordedStatus().equals(Optional.of(LicenceStatus.unlicensed))).stream()
                .sorted(Comparator.comparing(Learner::createdAt).thenComparing(l -> l.learnerId().value())).toList();
    }

    @Override
    public Map<String, UserId> existingEmails(CompanyId companyId, Collection<String> emails) {
        synchronized (table) {
            Map<String, UserId> claims = table.emailsOf(companyId);
            Map<String, UserId> existing = new HashMap<>();
            for (String email : emails) {
                UserId id = claims.get(email);
                if (id != null) existing.put(email, id);
            }
            return existing;
        }
    }

    @Override
    public void withEmails(CompanyId companyId, Collection<String> emails,
                           java.util.function.Consumer<com.partnerchannel.licensing.allocation.model.LearnerLicence> found) {
        List<Learner> matched = new ArrayList<>();
        synchronized (table) {
            Map<String, UserId> claims = table.emailsOf(companyId);
            Map<UserId, Learner> learners = table.learnersOf(companyId);
            for (String email : new LinkedHashSet<>(emails)) {
                UserId id = claims.get(email);
                if (id != null && learners.containsKey(id)) matched.add(learners.get(id));
            }
        }
        matched.stream().map(Learner::licence).forEach(found);
    }

    @Override
    public void withIds(CompanyId companyId, Collection<UserId> learnerIds, java.util.function.Consumer<Learner> found) {
        getAll(companyId, learnerIds).forEach(found);
    }

    @Override
    public Page<Learner> list(Company company, Optional<LicenceStatus> status, Optional<String> q, Instant now,
                              PageRequest page) {
        Predicate<Learner> search = learner -> q.map(text -> learner.emailNormalised().contains(text)
                || nameLower(learner).contains(text)).orElse(true);
        if (status.isEmpty()) {
            return InMemoryTable.page(matching(company.companyId(), l -> l.recordedStatus().isPresent() && search.test(l)),
                    l -> l.learnerId().value(), page);
        }
        return InMemoryTable.page(ofStatus(company, status.get(), now).stream().filter(k -> search.test(k.learner())).toList(),
                Keyed::key, page).map(Keyed::learner);
    }

    @Override
    public List<Learner> all(Company company, LicenceStatus status, Instant now) {
        return ofStatus(company, status, now).stream().map(Keyed::learner).toList();
    }

    @Override
    public Map<LicenceStatus, Integer> count(Company company, Instant now) {
        Map<LicenceStatus, Integer> counts = new EnumMap<>(LicenceStatus.class);
        for (LicenceStatus status : LicenceStatus.values()) {
            counts.put(status, ofStatus(company, status, now).size());
        }
        return counts;
    }

    /** A learner and its place in the list: the index's sort key, and for expired which of the two reads it came from. */
    private record Keyed(String key, Learner learner) {
    }

    /**
     * The learners of a status as of {@code now}, in the order DynamoLearners reads them: the recorded
     * status's index partition, the active one narrowed to licences still running, and the expired one
     * followed by the recorded-active licences that have ended.
     */
    private List<Keyed> ofStatus(Company company, LicenceStatus status, Instant now) {
        CompanyId id = company.companyId();
        List<Keyed> found = new ArrayList<>();
        switch (status) {
            case unlicensed, archived -> partition(id, status, l -> true, "").forEach(found::add);
            case active -> partition(id, LicenceStatus.active, l -> stillActive(company, l, now), "").forEach(found::add);
            case expired -> {
                partition(id, LicenceStatus.expired, l -> true, "A").forEach(found::add);
                partition(id, LicenceStatus.active, l -> endedMeanwhile(company, l, now), "B")
                        .forEach(found::add);
            }
        }
        return found;
    }

    private List<Keyed> partition(CompanyId companyId, LicenceStatus recorded, Predicate<Learner> filter, String part) {
        return matching(companyId, l -> l.recordedStatus().equals(Optional.of(recorded)) && filter.test(l)).stream()
                .map(l -> new Keyed(part + licenceOrder(l), l)).sorted(Comparator.comparing(Keyed::key)).toList();
    }

    /** DynamoLearners.stillActive: a premium seat not yet expired, or, while the trial is on, a trial licence. */
    private static boolean stillActive(Company company, Learner learner, Instant now) {
        boolean unexpired = learner.expiresAt().map(at -> InMemoryTable.compare(at, now) > 0)
                .orElse(false);
        return trialOn(company, now) ? isType(learner, LicenceType.trial) || unexpired
                : isType(learner, LicenceType.premium) && unexpired;
    }

    /** DynamoLearners.endedMeanwhile: recorded active, but its licence has ended by {@code now}. */
    private static boolean endedMeanwhile(Company company, Learner learner, Instant now) {
        boolean ended = learner.expiresAt().map(at -> InMemoryTable.compare(at, now) <= 0)
                .orElse(false);
        return trialOn(company, now) ? isType(learner, LicenceType.premium) && ended
                : isType(learner, LicenceType.trial) || ended;
    }

    private static boolean isType(Learner learner, LicenceType type) {
        return learner.licenceType().equals(Optional.of(type));
    }

    private static boolean trialOn(Company company, Instant now) {
        return company.isTrial() && company.trialEndsAt().map(now::isBefore).orElse(false);
    }

    /** GSI5SK: the licence held (a pool's seat, the trial, or none), then oldest first. */
    static String licenceOrder(Learner learner) {
        String holding = learner.poolId().map(pool -> "POOL#" + pool.value() + "#")
                .orElse(isType(learner, LicenceType.trial) ? "TRIAL#" : "");
        return holding + InMemoryTable.time(learner.createdAt()) + "#" + learner.learnerId().value();
    }

    private static String nameLower(Learner learner) {
        return (learner.firstName() + " " + learner.lastName()).toLowerCase(Locale.ROOT);
    }

    private List<Learner> matching(CompanyId companyId, Predicate<Learner> where) {
        synchronized (table) {
            return table.learnersOf(companyId).values().stream().filter(where).toList();
        }
    }

    @Override
    public void add(CompanyId companyId, List<Learner> learners, List<SeatTake> seats, Instant now) {
        LearnerCounts.Delta counted = LearnerCounting.ofAll(learners);
        InMemoryTable.requireFits(seats.size() + 2 * learners.size() + InMemoryTable.counterItems(counted));
        synchronized (table) {
            Set<String> taken = new LinkedHashSet<>();
            for (Learner learner : learners) {
                if (table.emailsOf(companyId).containsKey(learner.emailNormalised())
                        || table.learnersOf(companyId).containsKey(learner.learnerId())) {
                    taken.add(learner.emailNormalised());
                }
            }
            boolean seatsHeld = seats.stream().allMatch(take -> canTake(companyId, take, now));
            if (!taken.isEmpty()) throw new EmailsTaken(taken, null);
            if (!seatsHeld || !table.countersChangeable(companyId, counted)) throw new SeatsTaken(null);
            seats.forEach(take -> moveSeats(companyId, take.pool().poolId(), take.seats()));
            for (Learner learner : learners) {
                table.learnersOf(companyId).put(learner.learnerId(), learner);
                table.emailsOf(companyId).put(learner.emailNormalised(), learner.learnerId());
            }
            table.countersChanged(companyId, counted);
        }
    }

    /** As DynamoLearners counts its items: a learner and its email claim, a pool's update per pool, the company. */
    @Override
    public int mostAddedAtOnce(int pools) {
        return (InMemoryTable.MAX_TRANSACTION_ITEMS - pools - 1) / 2;
    }

    @Override
    public void allocate(CompanyId companyId, List<Change> changes, List<SeatTake> seats,
                         Optional<Reservation> reservation, Instant now, List<LicencePool> settled) {
        Map<PoolId, Integer> released = new LinkedHashMap<>();
        LearnerCounts.Delta counted = LearnerCounts.Delta.NONE;
        for (Change change : changes) {
            counted = counted.plus(LearnerCounting.between(change.before(), change.after()));
            change.before().poolId().filter(old -> !change.after().poolId().equals(Optional.of(old)))
                    .ifPresent(old -> released.merge(old, 1, Integer::sum));
        }
        Set<PoolId> touched = new java.util.HashSet<>(released.keySet());
        if (reservation.isEmpty()) seats.forEach(take -> touched.add(take.pool().poolId()));
        long settledAlone = settled.stream().filter(pool -> !touched.contains(pool.poolId())).count();
        InMemoryTable.requireFits((int) ((reservation.isPresent() ? 1 : seats.size()) + changes.size() + released.size()
                + settledAlone + InMemoryTable.counterItems(counted)));
        synchronized (table) {
            Set<UserId> changed = new LinkedHashSet<>();
            for (Change change : changes) {
                Learner before = change.before();
                Learner stored = table.learnersOf(companyId).get(before.learnerId());
                String expected = before.recordedStatus().orElseThrow().name();
                if (stored == null || !stored.recordedStatus().map(Enum::name).orElse("").equals(expected)
                        || !stored.poolId().equals(before.poolId())) {
                    changed.add(before.learnerId());
                }
            }
            boolean reservationHolds = reservation.map(r -> reservationHolds(r, seats)).orElse(true);
            boolean seatsHeld = reservation.isPresent() || seats.stream().allMatch(take -> canTake(companyId, take, now));
            boolean releasable = released.entrySet().stream().allMatch(e -> Optional.ofNullable(table.poolsOf(companyId)
                    .get(e.getKey())).map(row -> row.pool().allocated() >= e.getValue()).orElse(false));
            if (!changed.isEmpty()) throw new LearnersChanged(changed, null);
            if (!reservationHolds) {
                throw new IllegalStateException("reservation " + reservation.get().reservationId()
                        + " was closed or used up by another run");
            }
            if (!seatsHeld || !releasable || !table.countersChangeable(companyId, counted)) throw new SeatsTaken(null);
            if (reservation.isPresent()) {
                Reservation stored = table.reservationsOf(companyId).get(reservation.get().reservationId());
                Map<PoolId, Integer> used = new LinkedHashMap<>(stored.used());
                seats.forEach(take -> used.merge(take.pool().poolId(), take.seats(), Integer::sum));
                table.reservationsOf(companyId).put(stored.reservationId(), new Reservation(stored.companyId(),
                        stored.reservationId(), stored.reserved(), used, stored.open(), stored.createdAt()));
            } else {
                seats.forEach(take -> moveSeats(companyId, take.pool().poolId(), take.seats()));
            }
            for (Change change : changes) {
                table.learnersOf(companyId).put(change.after().learnerId(), change.after().writtenAt(now));
            }
            released.forEach((pool, count) -> moveSeats(companyId, pool, -count));
            settled.forEach(pool -> table.poolsOf(companyId).computeIfPresent(pool.poolId(),
                    (id, row) -> new InMemoryTable.PoolRow(row.pool(), false, row.expiryRecorded())));
            table.countersChanged(companyId, counted);
        }
    }

    /** As DynamoLearners counts its items: a learner each, the reservation, and an update per other item. */
    @Override
    public int mostAllocatedFromReservation(int otherItems) {
        return InMemoryTable.MAX_TRANSACTION_ITEMS - 1 - otherItems;
    }

    @Override
    public void delete(Learner learner) {
        CompanyId companyId = learner.companyId();
        synchronized (table) {
            Learner stored = table.learnersOf(companyId).get(learner.learnerId());
            boolean asRead = stored != null && learner.recordedStatus().isPresent()
                    && stored.recordedStatus().equals(learner.recordedStatus()) && stored.poolId().equals(learner.poolId());
            boolean seatReturns = learner.poolId().map(pool -> Optional.ofNullable(table.poolsOf(companyId).get(pool))
                    .map(row -> row.pool().allocated() >= 1).orElse(false)).orElse(true);
            LearnerCounts.Delta counted = LearnerCounting.of(learner).negated();
            if (!asRead || !seatReturns || !table.countersChangeable(companyId, counted)) {
                throw new LearnersChanged(Set.of(learner.learnerId()), null);
            }
            table.learnersOf(companyId).remove(learner.learnerId());
            table.emailsOf(companyId).remove(learner.emailNormalised());
            learner.poolId().ifPresent(pool -> moveSeats(companyId, pool, -1));
            table.countersChanged(companyId, counted);
        }
    }

    @Override
    public List<Learner> everyone(CompanyId companyId) {
        return matching(companyId, l -> l.recordedStatus().isPresent());
    }

    @Override
    public List<Learner> withExternalId(CompanyId companyId, String externalId) {
        return matching(companyId, l -> l.recordedStatus().isPresent() && l.externalId().equals(Optional.of(externalId)));
    }

    @Override
    public void changeDetails(Learner before, Learner after, Instant now) {
        CompanyId companyId = before.companyId();
        synchronized (table) {
            Learner stored = table.learnersOf(companyId).get(before.learnerId());
            boolean asRead = stored != null && stored.recordedStatus().equals(before.recordedStatus())
                    && stored.poolId().equals(before.poolId());
            boolean moves = !before.emailNormalised().equals(after.emailNormalised());
            boolean emailFree = !moves || !table.emailsOf(companyId).containsKey(after.emailNormalised());
            if (!asRead) throw new LearnersChanged(Set.of(before.learnerId()), null);
            if (!emailFree) throw new EmailsTaken(Set.of(after.emailNormalised()), null);
            if (moves) {
                table.emailsOf(companyId).remove(before.emailNormalised());
                table.emailsOf(companyId).put(after.emailNormalised(), after.learnerId());
            }
            table.learnersOf(companyId).put(after.learnerId(), after.writtenAt(now));
        }
    }

    /** DynamoLearners.takeSeats' condition: the pool exists, has not expired, and still has the seats. */
    boolean canTake(CompanyId companyId, SeatTake take, Instant now) {
        InMemoryTable.PoolRow row = table.poolsOf(companyId).get(take.pool().poolId());
        return row != null && row.pool().allocated() <= take.pool().seats() - take.seats()
                && InMemoryTable.compare(row.pool().expiresAt(), now) > 0;
    }

    void moveSeats(CompanyId companyId, PoolId poolId, int seats) {
        InMemoryTable.PoolRow row = table.poolsOf(companyId).get(poolId);
        LicencePool pool = row.pool();
        table.poolsOf(companyId).put(poolId, new InMemoryTable.PoolRow(new LicencePool(pool.poolId(), pool.companyId(),
                pool.orderId(), pool.seats(), pool.allocated() + seats, pool.startsAt(), pool.expiresAt()),
                row.owesSeats(), row.expiryRecorded()));
    }

    private boolean reservationHolds(Reservation reservation, List<SeatTake> seats) {
        Reservation stored = table.reservationsOf(reservation.companyId()).get(reservation.reservationId());
        if (stored == null || !stored.open()) return false;
        return seats.stream().allMatch(take -> stored.used().containsKey(take.pool().poolId())
                && stored.used().get(take.pool().poolId())
                <= reservation.reserved().getOrDefault(take.pool().poolId(), 0) - take.seats());
    }
}
