package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerCounting;
import com.partnerchannel.licensing.allocation.model.LearnerLicence;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.Backoff;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.LearnerCounts;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Learners on the single table. Reads overlay time on the recorded status: a recorded-active learner
 * whose licence ended is read as expired (see docs/data-model.md, GSI5). Writes that move seats change
 * the pool counters in the same transaction.
 */
public final class DynamoLearners implements Learners {
    /** Fewer ids than this cost fewer read units by key than a first page of users (100 users: about 15 units). */
    static final int IDS_BY_KEY_BELOW = 16;
    /** A learner found by key: its email claim and its item, each a strongly consistent read of 1 unit. */
    private static final int UNITS_PER_LEARNER_BY_KEY = 2;
    /** The assignment's debt to the unlicensed learners is paid (docs/data-model.md, "Pools that still owe seats"). */
    private static final String SETTLE = "REMOVE " + PoolItems.OWES_SEATS;
    private static final Map<String, String> NAMES = Map.of("#status", "licenceStatus", "#type", "licenceType",
            "#expiresAt", "expiresAt", "#emailN", "emailNormalised", "#nameLower", "nameLower", "#pool", "poolId");

    private sealed interface Tag permits PoolTag, EmailTag, LearnerTag, ReservationTag, CompanyTag {
    }

    /** The company's licence counters (docs/data-model.md, "Licence counts on the company item"). */
    private record CompanyTag(CompanyId companyId) implements Tag {
    }

    private record PoolTag(PoolId poolId) implements Tag {
    }

    private record EmailTag(String email) implements Tag {
    }

    private record LearnerTag(UserId learnerId) implements Tag {
    }

    private record ReservationTag(String reservationId) implements Tag {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;
    private final BatchGets batchGets;
    private final UserSegments segments;

    public DynamoLearners(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Backoff.throttled());
    }

    /** @param backoff the wait before sending again the keys a BatchGetItem left unprocessed */
    public DynamoLearners(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
        this.batchGets = new BatchGets(dynamo, table, backoff);
        this.segments = new UserSegments(dynamo, table, BatchGets.READERS, BatchGets.PARALLEL);
    }

    @Override
    public Optional<Learner> get(CompanyId companyId, UserId learnerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(LearnerItems.key(companyId, learnerId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LearnerItems.fromItem(item));
    }

    @Override
    public List<Learner> getAll(CompanyId companyId, Collection<UserId> learnerIds) {
        List<Map<String, AttributeValue>> keys = new java.util.LinkedHashSet<>(learnerIds).stream()
                .map(id -> LearnerItems.key(companyId, id)).toList();
        return batchGets.consistent(keys).stream().map(LearnerItems::fromItem).toList();
    }

    @Override
    public List<Learner> unlicensedNow(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :users)")
                        .filterExpression("#status = :unlicensed")
                        .expressionAttributeNames(Map.of("#status", "licenceStatus"))
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":users", s(LearnerItems.PREFIX), ":unlicensed", s(LicenceStatus.unlicensed.name())))
                        .consistentRead(true).build())
                .stream().map(LearnerItems::fromItem)
                .sorted(java.util.Comparator.comparing(Learner::createdAt).thenComparing(l -> l.learnerId().value()))
                .toList();
    }

    @Override
    public Map<String, UserId> existingEmails(CompanyId companyId, Collection<String> emails) {
        Map<String, UserId> existing = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGets.consistent(new java.util.LinkedHashSet<>(emails).stream()
                .map(email -> LearnerItems.emailKey(companyId, email)).toList())) {
            existing.put(item.get(Keys.SK).s().substring(LearnerItems.EMAIL_PREFIX.length()),
                    new UserId(item.get("learnerId").s()));
        }
        return existing;
    }

    /**
     * The company's users page by page, the rest in segments read at once, while that costs no more per learner
     * found than a look-up by key, then the emails still unmatched by key (docs/data-model.md, "Matching a file's
     * emails to learners"). Each page asks for as many users as emails are still unmatched, at least
     * {@link UserSegments#MIN_USERS_PAGE} (DynamoDB stops a page at 1 MB), so a few emails in a large company cost
     * one small page more than the keys alone.
     */
    @Override
    public void withEmails(CompanyId companyId, Collection<String> emails,
                           java.util.function.Consumer<LearnerLicence> found) {
        UserSegments.Left left = segments.read(companyId, emails, item -> Learner.normalise(Attr.str(item, "email")),
                UserSegments.Reading.LICENCES, UNITS_PER_LEARNER_BY_KEY, found);
        if (left.everyUserRead() || left.unmatched().isEmpty()) return;
        Set<String> unmatched = left.unmatched();
        Map<String, UserId> claimed = existingEmails(companyId, unmatched);
        // Matched on the learner's own email, as the pages are: a claim and its learner change in one transaction.
        getAll(companyId, claimed.values()).stream().filter(learner -> unmatched.contains(learner.emailNormalised()))
                .map(Learner::licence).forEach(found);
    }

    /**
     * By key below {@link #IDS_BY_KEY_BELOW} ids, which cost less than a first page of users whatever the company;
     * otherwise as {@link #withEmails}, going on while the pages find a learner per read unit (what one costs by
     * key), then the ids still unfound by key (docs/data-model.md, "Reading the users in segments").
     */
    @Override
    public void withIds(CompanyId companyId, Collection<UserId> learnerIds, java.util.function.Consumer<Learner> found) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        learnerIds.forEach(id -> ids.add(id.value()));
        if (ids.size() < IDS_BY_KEY_BELOW) {
            getAll(companyId, learnerIds).forEach(found);
            return;
        }
        UserSegments.Left left = segments.read(companyId, ids,
                item -> Attr.str(item, Keys.SK).substring(LearnerItems.PREFIX.length()), UserSegments.Reading.LEARNERS, 1,
                found);
        if (left.everyUserRead() || left.unmatched().isEmpty()) return;
        getAll(companyId, left.unmatched().stream().map(UserId::new).toList()).forEach(found);
    }

    @Override
    public Page<Learner> list(Company company, Optional<LicenceStatus> status, Optional<String> q, Instant now,
                              PageRequest page) {
        if (status.isEmpty()) {
            QueryRequest all = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :users)")
                    .filterExpression(and("attribute_exists(#status)", search(q)))
                    .expressionAttributeNames(namesFor(q, "#status"))
                    .expressionAttributeValues(values(q, now, Map.of(":pk", s(Keys.company(company.companyId().value())),
                            ":users", s(LearnerItems.PREFIX))))
                    .build();
            return pager.page(all, page).map(LearnerItems::fromItem);
        }
        return switch (status.get()) {
            case unlicensed, archived -> pager.page(partition(company, status.get(), search(q), q, now), page)
                    .map(LearnerItems::fromItem);
            case active -> pager.page(partition(company, LicenceStatus.active, and(stillActive(company, now), search(q)), q, now), page)
                    .map(LearnerItems::fromItem);
            case expired -> pager.pageBoth(partition(company, LicenceStatus.expired, search(q), q, now),
                    partition(company, LicenceStatus.active, and(endedMeanwhile(company, now), search(q)), q, now), page)
                    .map(LearnerItems::fromItem);
        };
    }

    @Override
    public List<Learner> all(Company company, LicenceStatus status, Instant now) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        switch (status) {
            case unlicensed, archived -> items.addAll(pager.all(partition(company, status, null, Optional.empty(), now)));
            case active -> items.addAll(pager.all(partition(company, LicenceStatus.active, stillActive(company, now),
                    Optional.empty(), now)));
            case expired -> {
                items.addAll(pager.all(partition(company, LicenceStatus.expired, null, Optional.empty(), now)));
                items.addAll(pager.all(partition(company, LicenceStatus.active, endedMeanwhile(company, now),
                        Optional.empty(), now)));
            }
        }
        return items.stream().map(LearnerItems::fromItem).toList();
    }

    @Override
    public Map<LicenceStatus, Integer> count(Company company, Instant now) {
        Map<LicenceStatus, Integer> counts = new EnumMap<>(LicenceStatus.class);
        counts.put(LicenceStatus.unlicensed, pager.count(partition(company, LicenceStatus.unlicensed, null, Optional.empty(), now)));
        counts.put(LicenceStatus.archived, pager.count(partition(company, LicenceStatus.archived, null, Optional.empty(), now)));
        // The recorded-active partition is read once, its licence type and end only: each learner in it is
        // active or ended meanwhile, as stillActive and endedMeanwhile would filter it (docs/data-model.md).
        int active = 0;
        int ended = 0;
        boolean trialOn = trialOn(company, now);
        String at = Attr.time(now);
        QueryRequest recordedActive = partition(company, LicenceStatus.active, null, Optional.empty(), now).toBuilder()
                .projectionExpression("#type, #expiresAt")
                .expressionAttributeNames(Map.of("#type", "licenceType", "#expiresAt", "expiresAt")).build();
        for (QueryResponse page : dynamo.queryPaginator(recordedActive)) {
            for (Map<String, AttributeValue> item : page.items()) {
                String type = item.containsKey("licenceType") ? item.get("licenceType").s() : null;
                String expiresAt = item.containsKey("expiresAt") ? item.get("expiresAt").s() : null;
                if (stillActive(trialOn, type, expiresAt, at)) active++;
                else if (endedMeanwhile(trialOn, type, expiresAt, at)) ended++;
            }
        }
        counts.put(LicenceStatus.active, active);
        counts.put(LicenceStatus.expired, pager.count(partition(company, LicenceStatus.expired, null, Optional.empty(), now))
                + ended);
        return counts;
    }

    /** {@link #stillActive(Company, Instant)} on one item; a missing attribute compares false, as in DynamoDB. */
    static boolean stillActive(boolean trialOn, String type, String expiresAt, String now) {
        boolean unexpired = expiresAt != null && expiresAt.compareTo(now) > 0;
        return trialOn ? "trial".equals(type) || unexpired : "premium".equals(type) && unexpired;
    }

    /** {@link #endedMeanwhile(Company, Instant)} on one item; a missing attribute compares false, as in DynamoDB. */
    static boolean endedMeanwhile(boolean trialOn, String type, String expiresAt, String now) {
        boolean ended = expiresAt != null && expiresAt.compareTo(now) <= 0;
        return trialOn ? "premium".equals(type) && ended : "trial".equals(type) || ended;
    }

    @Override
    public void add(CompanyId companyId, List<Learner> learners, List<SeatTake> seats, Instant now) {
        Transaction<Tag> transaction = new Transaction<>(table);
        seats.forEach(take -> takeSeats(transaction, companyId, take, now));
        for (Learner learner : learners) {
            transaction.put(new EmailTag(learner.emailNormalised()), LearnerItems.emailClaim(learner),
                    "attribute_not_exists(PK)", Map.of(), Map.of());
            transaction.put(new EmailTag(learner.emailNormalised()), LearnerItems.toItem(learner),
                    "attribute_not_exists(PK)", Map.of(), Map.of());
        }
        countersChanged(transaction, companyId, LearnerCounting.ofAll(learners));
        try {
            transaction.commit(dynamo);
        } catch (Transaction.Failed e) {
            Set<String> emails = new HashSet<>();
            for (Object tag : e.failed) if (tag instanceof EmailTag email) emails.add(email.email());
            if (!emails.isEmpty()) throw new EmailsTaken(emails, e);
            throw new SeatsTaken(e);
        }
    }

    /** Two items a learner (it and its email claim), a pool's update per pool, and the company's counters. */
    @Override
    public int mostAddedAtOnce(int pools) {
        return (Transaction.MAX_ITEMS - pools - 1) / 2;
    }

    /** The company's counters changed in the same transaction as its learners, when they change at all. */
    private static void countersChanged(Transaction<Tag> transaction, CompanyId companyId, LearnerCounts.Delta delta) {
        CompanyItems.countersChanged(transaction, new CompanyTag(companyId), companyId, delta);
    }

    @Override
    public void allocate(CompanyId companyId, List<Change> changes, List<SeatTake> seats,
                         Optional<Reservation> reservation, Instant now, List<LicencePool> settled) {
        Transaction<Tag> transaction = new Transaction<>(table);
        Set<PoolId> settling = new java.util.LinkedHashSet<>();
        settled.forEach(pool -> settling.add(pool.poolId()));
        if (reservation.isPresent()) {
            useReservation(transaction, reservation.get(), seats);
        } else {
            // A pool that gives seats and is settled gets one update: a transaction names an item once.
            seats.forEach(take -> takeSeats(transaction, companyId, take, now, settling.remove(take.pool().poolId())));
        }
        Map<PoolId, Integer> released = new LinkedHashMap<>();
        LearnerCounts.Delta counted = LearnerCounts.Delta.NONE;
        for (Change change : changes) {
            Learner before = change.before();
            counted = counted.plus(LearnerCounting.between(before, change.after()));
            before.poolId().filter(old -> !change.after().poolId().equals(Optional.of(old)))
                    .ifPresent(old -> released.merge(old, 1, Integer::sum));
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":before", s(before.recordedStatus().orElseThrow().name()));
            String poolCondition = before.poolId().map(pool -> {
                values.put(":beforePool", s(pool.value()));
                return "#pool = :beforePool";
            }).orElse("attribute_not_exists(#pool)");
            transaction.put(new LearnerTag(before.learnerId()), LearnerItems.toItem(change.after().writtenAt(now)),
                    "attribute_exists(PK) AND #status = :before AND " + poolCondition,
                    Map.of("#status", "licenceStatus", "#pool", "poolId"), values);
        }
        // The seats the learners leave (of pools that expired) go back, so allocated counts holders.
        released.forEach((pool, count) -> transaction.update(new PoolTag(pool), PoolItems.key(companyId, pool),
                "SET allocated = allocated - :n" + (settling.remove(pool) ? " " + SETTLE : ""), "allocated >= :n",
                Map.of(), Map.of(":n", Attr.n(count))));
        settling.forEach(pool -> transaction.update(new PoolTag(pool), PoolItems.key(companyId, pool), SETTLE, null,
                Map.of(), Map.of()));
        countersChanged(transaction, companyId, counted);
        try {
            transaction.commit(dynamo);
        } catch (Transaction.Failed e) {
            Set<UserId> changed = new HashSet<>();
            for (Object tag : e.failed) if (tag instanceof LearnerTag learner) changed.add(learner.learnerId());
            if (!changed.isEmpty()) throw new LearnersChanged(changed, e);
            if (e.failed.stream().anyMatch(tag -> tag instanceof ReservationTag)) {
                throw new IllegalStateException("reservation " + reservation.map(Reservation::reservationId).orElse("")
                        + " was closed or used up by another run", e);
            }
            throw new SeatsTaken(e);
        }
    }

    /** A learner's item each, the reservation's update, and an update per other item (a pool left, the company). */
    @Override
    public int mostAllocatedFromReservation(int otherItems) {
        return Transaction.MAX_ITEMS - 1 - otherItems;
    }

    @Override
    public void delete(Learner learner) {
        Transaction<Tag> transaction = new Transaction<>(table);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(learner.recordedStatus().map(Enum::name).orElse("")));
        String poolCondition = learner.poolId().map(pool -> {
            values.put(":pool", s(pool.value()));
            return "#pool = :pool";
        }).orElse("attribute_not_exists(#pool)");
        transaction.delete(new LearnerTag(learner.learnerId()), LearnerItems.key(learner.companyId(), learner.learnerId()),
                "attribute_exists(PK) AND #status = :status AND " + poolCondition,
                Map.of("#status", "licenceStatus", "#pool", "poolId"), values);
        transaction.delete(new EmailTag(learner.emailNormalised()),
                LearnerItems.emailKey(learner.companyId(), learner.emailNormalised()), null, Map.of(), Map.of());
        learner.poolId().ifPresent(pool -> transaction.update(new PoolTag(pool), PoolItems.key(learner.companyId(), pool),
                "SET allocated = allocated - :one", "allocated >= :one", Map.of(), Map.of(":one", Attr.n(1))));
        countersChanged(transaction, learner.companyId(), LearnerCounting.of(learner).negated());
        try {
            transaction.commit(dynamo);
        } catch (Transaction.Failed e) {
            throw new LearnersChanged(Set.of(learner.learnerId()), e);
        }
    }

    @Override
    public List<Learner> everyone(CompanyId companyId) {
        return users(companyId, "attribute_exists(#status)", Map.of("#status", "licenceStatus"), Map.of());
    }

    @Override
    public List<Learner> withExternalId(CompanyId companyId, String externalId) {
        return users(companyId, "attribute_exists(#status) AND externalId = :externalId",
                Map.of("#status", "licenceStatus"), Map.of(":externalId", s(externalId)));
    }

    private List<Learner> users(CompanyId companyId, String filter, Map<String, String> names,
                                Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":pk", s(Keys.company(companyId.value())));
        all.put(":users", s(LearnerItems.PREFIX));
        return pager.all(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :users)")
                        .filterExpression(filter).expressionAttributeNames(names).expressionAttributeValues(all).build())
                .stream().map(LearnerItems::fromItem).toList();
    }

    @Override
    public void changeDetails(Learner before, Learner after, Instant now) {
        Transaction<Tag> transaction = new Transaction<>(table);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(before.recordedStatus().map(Enum::name).orElse("")));
        String poolCondition = before.poolId().map(pool -> {
            values.put(":pool", s(pool.value()));
            return "#pool = :pool";
        }).orElse("attribute_not_exists(#pool)");
        transaction.put(new LearnerTag(before.learnerId()), LearnerItems.toItem(after.writtenAt(now)),
                "attribute_exists(PK) AND #status = :status AND " + poolCondition,
                Map.of("#status", "licenceStatus", "#pool", "poolId"), values);
        if (!before.emailNormalised().equals(after.emailNormalised())) {
            transaction.delete(new EmailTag(before.emailNormalised()),
                    LearnerItems.emailKey(before.companyId(), before.emailNormalised()), null, Map.of(), Map.of());
            transaction.put(new EmailTag(after.emailNormalised()), LearnerItems.emailClaim(after),
                    "attribute_not_exists(PK)", Map.of(), Map.of());
        }
        try {
            transaction.commit(dynamo);
        } catch (Transaction.Failed e) {
            if (e.failed.contains(new EmailTag(after.emailNormalised())) && !before.emailNormalised().equals(after.emailNormalised())) {
                throw new EmailsTaken(Set.of(after.emailNormalised()), e);
            }
            throw new LearnersChanged(Set.of(before.learnerId()), e);
        }
    }

    static void takeSeats(Transaction<?> transaction, CompanyId companyId, SeatTake take, Instant now) {
        takeSeats(transaction, companyId, take, now, false);
    }

    private static void takeSeats(Transaction<?> transaction, CompanyId companyId, SeatTake take, Instant now, boolean settle) {
        @SuppressWarnings("unchecked")
        Transaction<Object> any = (Transaction<Object>) transaction;
        any.update(new PoolTag(take.pool().poolId()), PoolItems.key(companyId, take.pool().poolId()),
                "SET allocated = allocated + :n" + (settle ? " " + SETTLE : ""), "allocated <= :limit AND expiresAt > :now", Map.of(),
                Transaction.values(":n", Attr.n(take.seats()), ":limit", Attr.n(take.pool().seats() - take.seats()),
                        ":now", Attr.t(now)));
    }

    private void useReservation(Transaction<Tag> transaction, Reservation reservation, List<SeatTake> seats) {
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":open", AttributeValue.fromBool(true));
        for (int i = 0; i < seats.size(); i++) {
            SeatTake take = seats.get(i);
            names.put("#p" + i, take.pool().poolId().value());
            values.put(":n" + i, Attr.n(take.seats()));
            values.put(":limit" + i, Attr.n(reservation.reserved().getOrDefault(take.pool().poolId(), 0) - take.seats()));
            sets.add("used.#p" + i + " = used.#p" + i + " + :n" + i);
            conditions.add("used.#p" + i + " <= :limit" + i);
        }
        conditions.add(0, "#open = :open");
        names.put("#open", "open");
        transaction.update(new ReservationTag(reservation.reservationId()),
                ReservationItems.key(reservation.companyId(), reservation.reservationId()),
                "SET " + String.join(", ", sets), String.join(" AND ", conditions), names, values);
    }

    private QueryRequest partition(Company company, LicenceStatus status, String filter, Optional<String> q, Instant now) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(Keys.LEARNERS)
                .keyConditionExpression(Keys.pk(Keys.LEARNERS) + " = :pk");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(LearnerItems.statusPartition(company.companyId(), status)));
        if (filter != null) {
            request.filterExpression(filter);
            Map<String, String> names = new HashMap<>();
            NAMES.forEach((placeholder, name) -> {
                if (filter.contains(placeholder)) names.put(placeholder, name);
            });
            request.expressionAttributeNames(names);
            if (filter.contains(":now")) values.put(":now", Attr.t(now));
            if (filter.contains(":trial")) values.put(":trial", s("trial"));
            if (filter.contains(":premium")) values.put(":premium", s("premium"));
            q.ifPresent(text -> values.put(":q", s(text)));
        }
        return request.expressionAttributeValues(values).build();
    }

    /** Recorded active and still so at {@code now}: a premium seat not yet expired, or the trial still on. */
    private static String stillActive(Company company, Instant now) {
        return trialOn(company, now) ? "(#type = :trial OR #expiresAt > :now)" : "(#type = :premium AND #expiresAt > :now)";
    }

    /** Recorded active but ended by {@code now}, whatever the nightly run recorded. */
    private static String endedMeanwhile(Company company, Instant now) {
        return trialOn(company, now) ? "(#type = :premium AND #expiresAt <= :now)" : "(#type = :trial OR #expiresAt <= :now)";
    }

    private static boolean trialOn(Company company, Instant now) {
        return company.isTrial() && company.trialEndsAt().map(now::isBefore).orElse(false);
    }

    private static String search(Optional<String> q) {
        return q.map(text -> "(contains(#emailN, :q) OR contains(#nameLower, :q))").orElse(null);
    }

    private static String and(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return a + " AND " + b;
    }

    private static Map<String, String> namesFor(Optional<String> q, String... always) {
        Map<String, String> names = new HashMap<>();
        for (String name : always) names.put(name, NAMES.get(name));
        q.ifPresent(text -> {
            names.put("#emailN", NAMES.get("#emailN"));
            names.put("#nameLower", NAMES.get("#nameLower"));
        });
        return names;
    }

    private static Map<String, AttributeValue> values(Optional<String> q, Instant now, Map<String, AttributeValue> base) {
        Map<String, AttributeValue> values = new HashMap<>(base);
        q.ifPresent(text -> values.put(":q", s(text)));
        return values;
    }
}
