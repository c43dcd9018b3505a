package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.tenancy.application.CompanyAccess;

import com.partnerchannel.licensing.allocation.model.CompanyPools;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.SeatPlan;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Adds learners, one or thousands (manually, from a CSV file or by directory sync). Each new learner
 * takes a seat from the pool that expires soonest among pools with a free seat; with none free it is
 * added unlicensed. A trial company's learners hold trial licences ending with the trial. Emails are
 * unique per company; invalid rows are reported by row and the valid ones still go in (a request
 * with no valid row is refused, naming each row's problem).
 */
public final class AddingLearners {
    public static final int MAX_ROWS = 10_000;
    /** Each lost race means another request took seats; a pool of N seats can make a request lose N times. */
    private static final int MAX_ATTEMPTS = 64;

    private final CompanyAccess access;
    private final Learners learners;
    private final LicencePools pools;
    private final SeatingUnlicensed seatingUnlicensed;
    private final com.partnerchannel.licensing.common.Ids ids;
    private final Clock clock;
    private final Backoff backoff;

    public AddingLearners(Companies companies, Learners learners, LicencePools pools, SeatingUnlicensed seatingUnlicensed,
                          com.partnerchannel.licensing.common.Ids ids, Clock clock, Backoff backoff) {
        this.access = new CompanyAccess(companies);
        this.learners = learners;
        this.pools = pools;
        this.seatingUnlicensed = seatingUnlicensed;
        this.ids = ids;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** {@code requestKey} (the Idempotency-Key) makes a retry name the same learners as the first attempt. */
    public AddedLearners add(Actor actor, CompanyId companyId, AddLearners request, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        return add(actor, access.customer(actor, companyId), request, requestKey);
    }

    /**
     * The same, to a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}), with
     * {@code request} read only once the actor may add learners there: a learner hears 403 whatever it sent.
     */
    public AddedLearners add(Actor actor, Company customer, Supplier<AddLearners> request, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        CompanyAccess.customer(actor, customer);
        return add(actor, customer, request.get(), requestKey);
    }

    /** The same, to a company the request read already ({@link CompanyAccess#customer(Actor, CompanyId)}). */
    public AddedLearners add(Actor actor, Company customer, AddLearners request, Optional<String> requestKey) {
        actor.requireManagerOrAdmin();
        Company company = CompanyAccess.customer(actor, customer);
        CompanyId companyId = company.companyId();
        LearnerSource source = request.source();
        List<AddLearners.Row> rows = request.rows();
        Instant now = clock.instant();
        IntFunction<UserId> idOfRow = row -> new UserId(requestKey
                .map(key -> DerivedIds.derived(companyId.value(), actor.userId().value(), key, Integer.toString(row)))
                .orElseGet(ids::next));

        Map<Integer, AddedLearners.Row> results = new HashMap<>();
        Map<String, Integer> rowOfEmail = new LinkedHashMap<>();
        Map<Integer, Learner> candidates = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = i + 1;
            AddLearners.Row read = rows.get(i);
            if (read instanceof AddLearners.Invalid refused) {
                results.put(row, invalid(row, refused.email(), refused.reason()));
                continue;
            }
            AddLearners.Valid input = (AddLearners.Valid) read;
            String email = Learner.normalise(input.email());
            Integer first = rowOfEmail.putIfAbsent(email, row);
            if (first != null) {
                results.put(row, invalid(row, input.email(), "duplicate of row " + first + " in this request"));
                continue;
            }
            candidates.put(row, Learner.newUser(idOfRow.apply(row), companyId, input.email(), input.firstName(),
                    input.lastName(), input.role(), source, now));
        }
        if (candidates.isEmpty()) {
            // Not one row can be added (a duplicate needs a good first row): a refusal, not a success that added nothing.
            throw Problem.invalid(results.keySet().stream().sorted().map(row -> new Problem.FieldError(
                    "learners[" + (row - 1) + "]", results.get(row).reason().orElseThrow())).toList());
        }

        Map<String, UserId> existing = learners.existingEmails(companyId, rowOfEmail.keySet());
        Map<UserId, Learner> known = new HashMap<>();
        learners.getAll(companyId, existing.values()).forEach(learner -> known.put(learner.learnerId(), learner));
        for (Map.Entry<String, UserId> email : existing.entrySet()) {
            int row = rowOfEmail.get(email.getKey());
            Learner candidate = candidates.remove(row);
            if (candidate == null) continue;
            if (candidate.learnerId().equals(email.getValue())) {
                // Created by an earlier attempt of this same request: report it as this request's work.
                results.put(row, created(row, known.getOrDefault(email.getValue(), candidate)));
            } else {
                results.put(row, new AddedLearners.Row(row, candidate.email(), AddedLearners.Outcome.exists,
                        Optional.ofNullable(known.get(email.getValue())), Optional.of("already a user of this company")));
            }
        }

        // The pools settling read answer the first chunk's seats; each later chunk or retry reads them again.
        Optional<CompanyPools> read = seatingUnlicensed.settle(company);
        List<Map.Entry<Integer, Learner>> waiting = new ArrayList<>(candidates.entrySet());
        int attempts = 0;
        while (!waiting.isEmpty()) {
            List<LicencePool> free = company.isTrial() ? List.of()
                    : read.orElseGet(() -> pools.seating(companyId)).withFreeSeats(now);
            read = Optional.empty();
            // As many as one add holds, which depends on how many pools their seats come from.
            int size = Math.min(learners.mostAddedAtOnce(1), waiting.size());
            SeatPlan plan = SeatPlan.take(size, free, now);
            while (size > learners.mostAddedAtOnce(plan.takes().size())) {
                size = learners.mostAddedAtOnce(plan.takes().size());
                plan = SeatPlan.take(size, free, now);
            }
            List<Map.Entry<Integer, Learner>> chunk = waiting.subList(0, size);
            List<Learner> licensed = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) licensed.add(licence(company, chunk.get(i).getValue(), plan, i, now));
            try {
                learners.add(companyId, licensed, plan.takes(), now);
                for (int i = 0; i < chunk.size(); i++) results.put(chunk.get(i).getKey(), created(chunk.get(i).getKey(), licensed.get(i)));
                chunk.clear();
            } catch (Learners.SeatsTaken e) {
                // Chunks committed before stay (each is whole); a repeat with the same key finishes the rest.
                if (++attempts == MAX_ATTEMPTS) throw Problem.keptChanging("the company's seats kept changing; try again");
                backoff.beforeRetry(attempts);
            } catch (Learners.EmailsTaken e) {
                // An earlier attempt of this request may have committed with its answer lost: those are its own.
                Map<UserId, Learner> ours = ownLearners(companyId, chunk.stream().map(Map.Entry::getValue).toList(), e);
                chunk.removeIf(entry -> {
                    if (!e.emails().contains(entry.getValue().emailNormalised())) return false;
                    Learner own = ours.get(entry.getValue().learnerId());
                    results.put(entry.getKey(), own != null ? created(entry.getKey(), own)
                            : new AddedLearners.Row(entry.getKey(), entry.getValue().email(), AddedLearners.Outcome.exists,
                            Optional.empty(), Optional.of("already a user of this company")));
                    return true;
                });
            }
        }
        List<AddedLearners.Row> ordered = new ArrayList<>();
        for (int row = 1; row <= rows.size(); row++) ordered.add(results.get(row));
        return new AddedLearners(ordered);
    }

    /**
     * Adds one learner the caller may add already (a directory's user), taking a seat as any new learner
     * does. @throws Learners.EmailsTaken when its email is a user of the company (a repeat, or a race)
     */
    public Learner addOne(Company company, Learner candidate) {
        Optional<CompanyPools> read = seatingUnlicensed.settle(company);
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            List<LicencePool> free = company.isTrial() ? List.of()
                    : read.orElseGet(() -> pools.seating(company.companyId())).withFreeSeats(now);
            read = Optional.empty();
            SeatPlan plan = SeatPlan.take(1, free, now);
            Learner licensed = licence(company, candidate, plan, 0, now);
            try {
                learners.add(company.companyId(), List.of(licensed), plan.takes(), now);
                return licensed;
            } catch (Learners.EmailsTaken e) {
                Learner own = ownLearners(company.companyId(), List.of(candidate), e).get(candidate.learnerId());
                if (own == null) throw e;
                return own;
            } catch (Learners.SeatsTaken e) {
                if (attempt == MAX_ATTEMPTS) throw Problem.keptChanging("the company's seats kept changing; try again");
                backoff.beforeRetry(attempt);
            }
        }
    }

    /**
     * Of {@code candidates} whose emails were {@code taken}, those that are users under the candidate's own
     * id: an earlier attempt of this request committed them and its answer was lost (its retry then lost a
     * race), so they are this request's work, not another's.
     */
    private Map<UserId, Learner> ownLearners(CompanyId companyId, List<Learner> candidates, Learners.EmailsTaken taken) {
        Map<String, UserId> holders = learners.existingEmails(companyId, taken.emails());
        List<UserId> own = candidates.stream().map(Learner::learnerId)
                .filter(id -> holders.containsValue(id)).toList();
        Map<UserId, Learner> found = new HashMap<>();
        if (!own.isEmpty()) learners.getAll(companyId, own).forEach(learner -> found.put(learner.learnerId(), learner));
        return found;
    }

    /** A new learner's licence (rule 6; rule 2 for a trial company): the plan's {@code index}-th seat, or none. */
    static Learner licence(Company company, Learner learner, SeatPlan plan, int index, Instant now) {
        if (company.isTrial()) {
            return company.trialEndsAt().filter(now::isBefore).map(learner::withTrialLicence)
                    .orElseGet(learner::unlicensed);
        }
        return index < plan.size() ? learner.withSeat(plan.seat(index)) : learner.unlicensed();
    }

    private static AddedLearners.Row invalid(int row, String email, String reason) {
        return new AddedLearners.Row(row, email, AddedLearners.Outcome.invalid, Optional.empty(), Optional.of(reason));
    }

    private static AddedLearners.Row created(int row, Learner learner) {
        return new AddedLearners.Row(row, learner.email(), AddedLearners.Outcome.created, Optional.of(learner), Optional.empty());
    }
}
