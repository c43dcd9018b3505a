package com.partnerchannel.licensing.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules 1, 2 and 5–10 of product.md restated in memory, as plainly as possible and without any code of
 * the system: customers with a plan and a trial end, licence pools, and learners holding a trial
 * licence, a seat of a pool, or nothing. Statuses are never stored: they are worked out from the clock
 * on every read (rule 10), and a pool's {@code allocated} is the number of learners holding one of its
 * seats.
 *
 * <p>Where the rules leave a choice open the model does not guess: which of several equally old
 * learners gets the last seat, and which of several learners of one request gets which of the seats the
 * request took. For those an operation answers a {@link Seating} that says what the rules require (how
 * many learners, which ones for sure, how many seats of which expiry), and {@link #settle} checks the
 * system's choice against it before adopting it.
 */
final class LicensingModel {
    static final Duration TRIAL = Duration.ofDays(30);
    static final int TERM_MONTHS = 12;

    enum Plan { trial, premium }

    enum Status { active, expired, unlicensed }

    enum Licence { none, trial, premium }

    enum Outcome { created, exists, invalid }

    static final class Company {
        final String id;
        final String managerEmail;
        Plan plan;
        Instant trialEndsAt; // null for a premium customer that never was on a trial
        final List<Pool> pools = new ArrayList<>();
        final Map<String, Learner> learners = new LinkedHashMap<>(); // by normalised email

        Company(String id, Plan plan, Instant trialEndsAt, String managerEmail) {
            this.id = id;
            this.plan = plan;
            this.trialEndsAt = trialEndsAt;
            this.managerEmail = managerEmail;
        }
    }

    /** A licence pool: all its seats start when its order is assigned and end 12 calendar months later. */
    record Pool(String id, int seats, Instant startsAt, Instant expiresAt) {
    }

    static final class Learner {
        final String email; // normalised
        final boolean manager;
        final Instant createdAt;
        final long sequence; // creation order, for messages only: "oldest" is by createdAt
        Licence licence = Licence.none;
        Pool pool; // the seat held, when licence is premium (kept when the pool expires)
        Instant endsAt; // when the trial licence or the seat ends

        Learner(String email, boolean manager, Instant createdAt, long sequence) {
            this.email = email;
            this.manager = manager;
            this.createdAt = createdAt;
            this.sequence = sequence;
        }

        @Override
        public String toString() {
            return email;
        }
    }

    /**
     * Seats the rules give in one operation: {@code count} learners of {@code candidates} (oldest first)
     * take a seat each, the oldest ones first (equally old ones in any order), and together they take
     * seats whose expiries are {@code expiries} (the soonest-expiring free seats).
     */
    record Seating(Company company, String why, List<Learner> candidates, int count, List<Instant> expiries) {
    }

    record AddedRow(String email, Outcome outcome) {
    }

    record Added(List<AddedRow> rows, Seating seating) {
    }

    sealed interface Renewed permits Renewed.Done, Renewed.Refused {
        record Done(int renewed, int skipped, Seating seating) implements Renewed {
        }

        record Refused(int needed, int free) implements Renewed {
        }
    }

    enum Deleted { deleted, refusedManager, unknown }

    private Instant now;
    private long sequence;
    private final Map<String, Company> companies = new LinkedHashMap<>();

    LicensingModel(Instant now) {
        this.now = now;
    }

    Instant now() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    Company company(String id) {
        return Objects.requireNonNull(companies.get(id), () -> "the model knows no company " + id);
    }

    Collection<Company> companies() {
        return companies.values();
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static boolean looksLikeEmail(String email) {
        String e = email.trim();
        int at = e.indexOf('@');
        return at > 0 && at == e.lastIndexOf('@') && e.indexOf('.', at) > at + 1 && !e.contains(" ");
    }

    static Instant expiryOf(Instant assignedAt) {
        return assignedAt.atOffset(ZoneOffset.UTC).plusMonths(TERM_MONTHS).toInstant();
    }

    // ---- reads: everything time-dependent is worked out from now ----

    Status status(Learner learner) {
        return switch (learner.licence) {
            case none -> Status.unlicensed;
            case trial, premium -> now.isBefore(learner.endsAt) ? Status.active : Status.expired;
        };
    }

    boolean expired(Pool pool) {
        return !now.isBefore(pool.expiresAt());
    }

    int allocated(Company company, Pool pool) {
        return (int) company.learners.values().stream().filter(l -> l.pool == pool).count();
    }

    /** An expired pool gives no seats. */
    int available(Company company, Pool pool) {
        return expired(pool) ? 0 : pool.seats() - allocated(company, pool);
    }

    int freeSeats(Company company) {
        return company.pools.stream().mapToInt(pool -> available(company, pool)).sum();
    }

    long count(Company company, Status status) {
        return company.learners.values().stream().filter(l -> status(l) == status).count();
    }

    // ---- operations ----

    /** A customer made with one manager, who is a learner too (rule 2, and "Manager" in the words). */
    Company createCustomer(String id, Plan plan, String managerEmail) {
        Instant trialEndsAt = plan == Plan.trial ? now.plus(TRIAL) : null;
        Company company = new Company(id, plan, trialEndsAt, normalise(managerEmail));
        companies.put(id, company);
        Learner manager = newLearner(company, managerEmail, true);
        if (plan == Plan.trial) {
            manager.licence = Licence.trial;
            manager.endsAt = trialEndsAt;
        }
        // A new premium customer has no pool yet: its manager is unlicensed.
        return company;
    }

    /**
     * Rule 6 (and 2): emails are unique per company, trimmed and case-insensitive; a trial company's new
     * learners hold trial licences ending with the trial (unlicensed once it ended); a premium
     * company's new learners take the soonest-expiring free seats, and with none free are unlicensed.
     */
    Added add(String companyId, List<String> emails) {
        Company company = company(companyId);
        List<AddedRow> rows = new ArrayList<>();
        Set<String> inRequest = new HashSet<>();
        List<Learner> created = new ArrayList<>();
        for (String raw : emails) {
            String email = normalise(raw);
            if (!looksLikeEmail(raw) || !inRequest.add(email)) {
                rows.add(new AddedRow(email, Outcome.invalid));
            } else if (company.learners.containsKey(email)) {
                rows.add(new AddedRow(email, Outcome.exists));
            } else {
                rows.add(new AddedRow(email, Outcome.created));
                created.add(newLearner(company, raw, false));
            }
        }
        if (company.plan == Plan.trial) {
            for (Learner learner : created) {
                if (now.isBefore(company.trialEndsAt)) {
                    learner.licence = Licence.trial;
                    learner.endsAt = company.trialEndsAt;
                }
            }
            return new Added(rows, seating(company, "no seats on a trial", List.of(), 0));
        }
        int seated = Math.min(created.size(), freeSeats(company));
        return new Added(rows, seating(company, "new learners take free seats", created, seated));
    }

    /**
     * Rules 1, 4, 5 and 6: the pool starts now and ends 12 calendar months later; an upgrade makes the
     * company premium and ends every trial licence now; then unlicensed learners (never expired ones,
     * never the trial learners of an upgrade) take free seats, oldest first.
     */
    Seating assign(String companyId, String poolId, int seats) {
        Company company = company(companyId);
        if (company.plan == Plan.trial) {
            company.plan = Plan.premium;
            if (now.isBefore(company.trialEndsAt)) company.trialEndsAt = now;
            for (Learner learner : company.learners.values()) {
                if (learner.licence == Licence.trial && now.isBefore(learner.endsAt)) learner.endsAt = now;
            }
        }
        company.pools.add(new Pool(poolId, seats, now, expiryOf(now)));
        List<Learner> waiting = company.learners.values().stream().filter(l -> status(l) == Status.unlicensed)
                .sorted(Comparator.comparing((Learner l) -> l.createdAt)).toList();
        return seating(company, "unlicensed learners take seats, oldest first, when an order is assigned",
                waiting, Math.min(waiting.size(), freeSeats(company)));
    }

    /**
     * Rule 7: the chosen learners that are not active, or every expired learner, take a seat each; all
     * or nothing: with fewer free seats than that, nothing changes and the refusal says how many are
     * needed and how many are free.
     */
    Renewed renew(String companyId, boolean allExpired, List<String> chosenEmails) {
        Company company = company(companyId);
        List<Learner> targets = new ArrayList<>();
        int skipped = 0;
        if (allExpired) {
            company.learners.values().stream().filter(l -> status(l) == Status.expired).forEach(targets::add);
        } else {
            for (String email : new java.util.LinkedHashSet<>(chosenEmails.stream().map(LicensingModel::normalise).toList())) {
                Learner learner = Objects.requireNonNull(company.learners.get(email), email);
                if (status(learner) == Status.active) skipped++;
                else targets.add(learner);
            }
        }
        int free = freeSeats(company);
        if (targets.size() > free) return new Renewed.Refused(targets.size(), free);
        return new Renewed.Done(targets.size(), skipped,
                seating(company, "renewed learners take free seats", targets, targets.size()));
    }

    /** Rule 9: the learner goes for good and its seat is free again; a company's manager is not deleted. */
    Deleted delete(String companyId, String email) {
        Company company = company(companyId);
        Learner learner = company.learners.get(normalise(email));
        if (learner == null) return Deleted.unknown;
        if (learner.manager) return Deleted.refusedManager;
        company.learners.remove(learner.email);
        return Deleted.deleted;
    }

    /**
     * Checks the system's choice ({@code observedPools}: learner email → pool id it holds after the
     * operation, null for none) against what the rules require, and adopts it.
     */
    void settle(Seating seating, Map<String, String> observedPools) {
        Company company = seating.company();
        List<Learner> chosen = new ArrayList<>();
        for (Learner candidate : seating.candidates()) {
            String observed = observedPools.get(candidate.email);
            String before = candidate.pool == null ? null : candidate.pool.id();
            if (observed != null && !observed.equals(before)) chosen.add(candidate);
        }
        String context = seating.why() + " (" + seating.count() + " of " + seating.candidates() + ")";
        if (chosen.size() != seating.count()) {
            throw new AssertionError(context + ": expected " + seating.count() + " learners to take a seat, but "
                    + chosen.size() + " did: " + chosen);
        }
        for (Learner taken : chosen) {
            for (Learner other : seating.candidates()) {
                if (!chosen.contains(other) && other.createdAt.isBefore(taken.createdAt)) {
                    throw new AssertionError(context + ": " + taken + " took a seat before the older " + other);
                }
            }
        }
        Map<String, Pool> poolsById = new LinkedHashMap<>();
        company.pools.forEach(pool -> poolsById.put(pool.id(), pool));
        List<Instant> observedExpiries = new ArrayList<>();
        for (Learner taken : chosen) {
            Pool pool = poolsById.get(observedPools.get(taken.email));
            if (pool == null) {
                throw new AssertionError(context + ": " + taken + " holds a seat of unknown pool "
                        + observedPools.get(taken.email));
            }
            observedExpiries.add(pool.expiresAt());
        }
        if (!histogram(observedExpiries).equals(histogram(seating.expiries()))) {
            throw new AssertionError(context + ": the seats must come from the pools that expire soonest; expected "
                    + "seats expiring " + histogram(seating.expiries()) + " but got " + histogram(observedExpiries));
        }
        for (Learner taken : chosen) {
            Pool pool = poolsById.get(observedPools.get(taken.email));
            taken.licence = Licence.premium;
            taken.pool = pool;
            taken.endsAt = pool.expiresAt();
        }
        for (Pool pool : company.pools) {
            if (allocated(company, pool) > pool.seats()) {
                throw new AssertionError(context + ": pool " + pool.id() + " has more holders than seats");
            }
        }
    }

    // ---- helpers ----

    private Learner newLearner(Company company, String rawEmail, boolean manager) {
        Learner learner = new Learner(normalise(rawEmail), manager, now, ++sequence);
        company.learners.put(learner.email, learner);
        return learner;
    }

    /** The expiries of the {@code count} soonest-expiring free seats of the company's unexpired pools. */
    private Seating seating(Company company, String why, List<Learner> candidates, int count) {
        List<Instant> expiries = new ArrayList<>();
        List<Pool> bySoonest = company.pools.stream().filter(pool -> !expired(pool))
                .sorted(Comparator.comparing(Pool::expiresAt)).toList();
        for (Pool pool : bySoonest) {
            for (int i = 0; i < available(company, pool) && expiries.size() < count; i++) expiries.add(pool.expiresAt());
        }
        return new Seating(company, why, List.copyOf(candidates), count, expiries);
    }

    private static Map<Instant, Integer> histogram(List<Instant> instants) {
        Map<Instant, Integer> counts = new TreeMap<>();
        instants.forEach(at -> counts.merge(at, 1, Integer::sum));
        return counts;
    }
}
