package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.application.Reservation;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The state behind the in-memory adapters: what the DynamoDB table holds, as plain records. Every adapter
 * of one table shares it, and every write takes its lock, so a write checks all of its conditions and then
 * makes all of its changes, or none, as a DynamoDB transaction does. Lists keep the order of the table's
 * sort keys, which the adapters build as the DynamoDB ones do; the contract tests hold both to the same.
 */
public final class InMemoryTable {
    /** DynamoDB's limit on the items of one transaction: the fakes refuse what the table would. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    record CompanyRow(Company company, boolean trialExpiryRecorded) {
    }

    record PoolRow(LicencePool pool, boolean owesSeats, boolean expiryRecorded) {
    }

    record NoticeRow(Notice notice, NoticeOutcome outcome, Optional<String> eventId, Instant recordedAt) {
    }

    record IdempotencyRow(IdempotencyRecord record, long ttlEpochSecond) {
        boolean liveAt(Instant now) {
            return ttlEpochSecond > now.getEpochSecond();
        }
    }

    record SentEmailRow(String status, Optional<String> messageId) {
    }

    final Map<CompanyId, CompanyRow> companies = new TreeMap<>(java.util.Comparator.comparing(CompanyId::value));
    final Map<CompanyId, Map<UserId, Learner>> learners = new LinkedHashMap<>();
    final Map<CompanyId, Map<String, UserId>> emails = new LinkedHashMap<>();
    final Map<OrderId, Order> orders = new LinkedHashMap<>();
    final Map<CompanyId, Map<PoolId, PoolRow>> pools = new LinkedHashMap<>();
    final Map<CompanyId, Map<String, Reservation>> reservations = new LinkedHashMap<>();
    final Map<CompanyId, Map<ImportId, RenewalImport>> imports = new LinkedHashMap<>();
    final Map<CompanyId, Map<String, com.partnerchannel.licensing.directory.model.DirectoryToken>> directoryTokens =
            new LinkedHashMap<>();
    final Map<Notice, NoticeRow> notices = new LinkedHashMap<>();
    final Map<String, Publish> outbox = new LinkedHashMap<>();
    /** Outbox key → when the bus took the event; absent while unpublished. */
    final Map<String, Instant> published = new LinkedHashMap<>();
    final Map<List<String>, IdempotencyRow> idempotency = new LinkedHashMap<>();
    final Map<List<String>, SentEmailRow> sentEmails = new LinkedHashMap<>();
    /** Address (trimmed, lower case) → its latest bounce or complaint. */
    final Map<String, com.partnerchannel.licensing.notification.model.UndeliverableAddress> undeliverableAddresses =
            new LinkedHashMap<>();
    Optional<Instant> sweepCheckpoint = Optional.empty();

    /** Every pool of every company, as stored now. */
    public synchronized List<LicencePool> pools() {
        return pools.values().stream().flatMap(rows -> rows.values().stream()).map(PoolRow::pool).toList();
    }

    /** Every company, as stored now. */
    public synchronized List<Company> companies() {
        return companies.values().stream().map(CompanyRow::company).toList();
    }

    /** Every user of every company, as stored now. */
    public synchronized List<Learner> learners() {
        return learners.values().stream().flatMap(users -> users.values().stream()).toList();
    }

    /** Every seat reservation, open or closed. */
    public synchronized List<Reservation> reservations() {
        return reservations.values().stream().flatMap(all -> all.values().stream()).toList();
    }

    /** The events written to the outbox, in the order they were written. */
    public synchronized List<Publish> events() {
        return List.copyOf(outbox.values());
    }

    /**
     * Everything the table holds for one tenant, in a stable order, as values that are equal when nothing
     * changed: for checking that a step which did not act on a company left it as it was.
     */
    public synchronized List<Object> snapshotOf(CompanyId companyId) {
        List<Object> items = new ArrayList<>();
        Optional.ofNullable(companies.get(companyId)).ifPresent(items::add);
        learnersOf(companyId).values().stream().sorted(java.util.Comparator.comparing(l -> l.learnerId().value()))
                .forEach(items::add);
        items.add(new TreeMap<>(emailsOf(companyId)));
        items.addAll(poolsOf(companyId).values());
        orders.values().stream().filter(o -> o.companyId().equals(companyId)).forEach(items::add);
        items.addAll(reservationsOf(companyId).values());
        items.addAll(importsOf(companyId).values());
        notices.values().stream().filter(n -> n.notice().companyId().equals(companyId)).forEach(items::add);
        outbox.values().stream().filter(p -> p.event().companyId().equals(companyId.value())).map(Publish::eventId)
                .forEach(items::add);
        return items;
    }

    Map<String, com.partnerchannel.licensing.directory.model.DirectoryToken> directoryTokensOf(CompanyId companyId) {
        return directoryTokens.computeIfAbsent(companyId, id -> new LinkedHashMap<>());
    }

    Map<UserId, Learner> learnersOf(CompanyId companyId) {
        return learners.computeIfAbsent(companyId, id -> new LinkedHashMap<>());
    }

    Map<String, UserId> emailsOf(CompanyId companyId) {
        return emails.computeIfAbsent(companyId, id -> new LinkedHashMap<>());
    }

    Map<PoolId, PoolRow> poolsOf(CompanyId companyId) {
        return pools.computeIfAbsent(companyId, id -> new LinkedHashMap<>());
    }

    Map<String, Reservation> reservationsOf(CompanyId companyId) {
        return reservations.computeIfAbsent(companyId, id -> new LinkedHashMap<>());
    }

    Map<ImportId, RenewalImport> importsOf(CompanyId companyId) {
        return imports.computeIfAbsent(companyId, id -> new LinkedHashMap<>());
    }

    /**
     * A write's change of the company's counters can be made: nothing to change, or the company is there (the
     * DynamoDB update is conditional on its item, as an ADD would otherwise create one).
     */
    boolean countersChangeable(CompanyId companyId, com.partnerchannel.licensing.tenancy.model.LearnerCounts.Delta delta) {
        return delta.isNone() || companies.containsKey(companyId);
    }

    /** The company's counters changed, as the ADD in the write's transaction; a company without counters ignores it. */
    void countersChanged(CompanyId companyId, com.partnerchannel.licensing.tenancy.model.LearnerCounts.Delta delta) {
        CompanyRow row = companies.get(companyId);
        if (row == null || delta.isNone() || row.company().learnerCounts().isEmpty()) return;
        companies.put(companyId, new CompanyRow(row.company().withLearnerCounts(
                row.company().learnerCounts().get().plus(delta)), row.trialExpiryRecorded()));
    }

    /** The company's item holds one more item in the write's transaction when its counters change. */
    static int counterItems(com.partnerchannel.licensing.tenancy.model.LearnerCounts.Delta delta) {
        return delta.isNone() ? 0 : 1;
    }

    static void requireFits(int items) {
        if (items > MAX_TRANSACTION_ITEMS) throw new IllegalStateException(items + " writes do not fit one transaction");
    }

    /**
     * A timestamp as a sort key: to the millisecond, as the table stores it, and fixed width, so that text
     * order is time order (cheaper to make than the table's ISO text, with the same order).
     */
    static String time(Instant instant) {
        String millis = Long.toString(instant.toEpochMilli());
        return "0".repeat(Math.max(0, 15 - millis.length())) + millis;
    }

    /** Compares two moments as the table does: to the millisecond. */
    static int compare(Instant a, Instant b) {
        return Long.compare(a.toEpochMilli(), b.toEpochMilli());
    }

    /**
     * One page of {@code items} (sorted by {@code key}, each key unique): up to {@code limit} after the
     * cursor's key, and a cursor when more follow. A cursor this did not make is refused as DynamoDB's are.
     */
    static <T> Page<T> page(List<T> items, Function<T, String> key, PageRequest request) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparing(key));
        int from = 0;
        if (request.cursor() != null) {
            String after = decode(request.cursor());
            while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(after) <= 0) from++;
        }
        int to = Math.min(sorted.size(), from + request.limit());
        List<T> page = sorted.subList(from, to);
        String next = to < sorted.size() && !page.isEmpty() ? encode(key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page, next);
    }

    private static final String CURSOR = "memory:";

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR) && text.length() > CURSOR.length()) return text.substring(CURSOR.length());
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        throw Problem.invalid("cursor", "is not a cursor this API returned");
    }
}
