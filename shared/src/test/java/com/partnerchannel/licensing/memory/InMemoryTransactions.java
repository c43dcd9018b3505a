package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.model.AllocationChange;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.NewPool;
import com.partnerchannel.licensing.allocation.model.NewPoolWithHolders;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.OrderChange;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportChange;
import com.partnerchannel.licensing.renewal.model.RenewalImportTransition;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyChange;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.PlanUpgrade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@link Transactions} on an {@link InMemoryTable}: each change's condition as DynamoTransactions writes it
 * (a new item must not exist, an order must still be in its state, an import at its version, a company still
 * on its trial), all checked before any is applied; and the idempotency record, kept 24 hours.
 */
public final class InMemoryTransactions implements Transactions {
    private static final Duration KEPT = Duration.ofHours(24);

    private final InMemoryTable table;
    private final Clock clock;
    private final Writes writes = new Writes();

    public InMemoryTransactions(InMemoryTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void commit(List<Change> changes, Optional<IdempotencyRecord> record) {
        List<Write> writes = new ArrayList<>(changes.stream().map(this::writeOf).toList());
        // New learners of a company that exists already change its counters, as DynamoTransactions adds them.
        com.partnerchannel.licensing.allocation.model.LearnerCounting.ofNewLearners(changes).forEach((company, delta) ->
                writes.add(new Write(1, () -> table.countersChangeable(company, delta),
                        () -> table.countersChanged(company, delta))));
        int items = (record.isPresent() ? 1 : 0) + writes.stream().mapToInt(Write::items).sum();
        if (items == 0) return;
        InMemoryTable.requireFits(items);
        Instant now = clock.instant();
        synchronized (table) {
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                if (!writes.get(i).holds().getAsBoolean()) {
                    failed.add(i < changes.size() ? changes.get(i).getClass().getSimpleName() : "company counters");
                }
            }
            boolean done = record.map(r -> table.idempotency.get(key(r.companyId(), r.userId(), r.key())))
                    .filter(row -> row.liveAt(now)).isPresent();
            if (done) throw new RequestAlreadyDone(null);
            if (!failed.isEmpty()) throw new ConcurrentChange("another request changed the same items: " + failed, null);
            writes.forEach(write -> write.apply().run());
            record.ifPresent(r -> table.idempotency.put(key(r.companyId(), r.userId(), r.key()),
                    new InMemoryTable.IdempotencyRow(r, now.plus(KEPT).getEpochSecond())));
        }
    }

    @Override
    public Optional<IdempotencyRecord> findRecord(String companyId, String userId, String key) {
        Instant now = clock.instant();
        synchronized (table) {
            return Optional.ofNullable(table.idempotency.get(key(companyId, userId, key)))
                    .filter(row -> row.liveAt(now)).map(InMemoryTable.IdempotencyRow::record);
        }
    }

    private static List<String> key(String companyId, String userId, String key) {
        return List.of(companyId, userId, key);
    }

    /**
     * What a change writes here: the items DynamoDB would write for it (a learner is its item and its email
     * claim), the condition it holds on, and the write itself, made only once every change's condition holds.
     */
    private record Write(int items, BooleanSupplier holds, Runnable apply) {
    }

    private Write writeOf(Change change) {
        if (change instanceof CompanyChange c) return c.accept(writes);
        if (change instanceof OrderChange o) return o.accept(writes);
        if (change instanceof AllocationChange a) return a.accept(writes);
        if (change instanceof RenewalImportChange i) return i.accept(writes);
        if (change instanceof Publish e) {
            return new Write(1, () -> !table.outbox.containsKey(outboxKey(e)), () -> table.outbox.put(outboxKey(e), e));
        }
        throw new IllegalArgumentException("no in-memory mapping for " + change.getClass().getSimpleName());
    }

    /** Every capability's change mapping, so a change kind added to one does not compile until it is mapped here. */
    private final class Writes implements CompanyChange.Mapping<Write>, OrderChange.Mapping<Write>,
            AllocationChange.Mapping<Write>, RenewalImportChange.Mapping<Write> {

        @Override
        public Write newCompany(NewCompany c) {
            return new Write(1, () -> !table.companies.containsKey(c.company().companyId()),
                    () -> table.companies.put(c.company().companyId(), new InMemoryTable.CompanyRow(c.company(), false)));
        }

        @Override
        public Write planUpgrade(PlanUpgrade u) {
            return new Write(1, () -> {
                InMemoryTable.CompanyRow row = table.companies.get(u.upgraded().companyId());
                return row != null && row.company().plan().filter(plan -> plan == Plan.trial).isPresent();
            }, () -> {
                // The plan and the trial's end change, as DynamoDB's update does: the counters and a recorded trial
                // expiry stay as they are.
                InMemoryTable.CompanyRow row = table.companies.get(u.upgraded().companyId());
                Company stored = row.company();
                table.companies.put(u.upgraded().companyId(), new InMemoryTable.CompanyRow(new Company(
                        stored.companyId(), stored.name(), stored.kind(), stored.parentId(), stored.path(),
                        u.upgraded().plan(), stored.createdAt(), u.upgraded().trialEndsAt(), stored.managers(),
                        stored.learnerCounts()), row.trialExpiryRecorded()));
            });
        }

        @Override
        public Write newOrder(NewOrder o) {
            return new Write(1, () -> !table.orders.containsKey(o.order().orderId()),
                    () -> table.orders.put(o.order().orderId(), o.order()));
        }

        @Override
        public Write orderTransition(OrderTransition t) {
            return new Write(1, () -> Optional.ofNullable(table.orders.get(t.order().orderId()))
                    .filter(o -> o.status() == t.from()).isPresent(),
                    () -> table.orders.put(t.order().orderId(), t.order()));
        }

        @Override
        public Write newPool(NewPool p) {
            return new Write(1, () -> !table.poolsOf(p.pool().companyId()).containsKey(p.pool().poolId()),
                    () -> table.poolsOf(p.pool().companyId()).put(p.pool().poolId(),
                            new InMemoryTable.PoolRow(p.pool(), true, false)));
        }

        @Override
        public Write newPoolWithHolders(NewPoolWithHolders p) {
            return new Write(1 + 2 * p.holders().size(),
                    () -> !table.poolsOf(p.pool().companyId()).containsKey(p.pool().poolId())
                            && p.holders().stream().allMatch(InMemoryTransactions.this::isNew),
                    () -> {
                        // Its allocated counts the holders already; it owes seats to nobody, as DynamoDB's write has it.
                        table.poolsOf(p.pool().companyId()).put(p.pool().poolId(),
                                new InMemoryTable.PoolRow(p.pool(), false, false));
                        p.holders().forEach(InMemoryTransactions.this::put);
                    });
        }

        @Override
        public Write newLearner(NewLearner l) {
            if (l.learner().holdsSeat()) {
                throw new IllegalArgumentException("learners with seats are added through Learners.add");
            }
            return new Write(2, () -> isNew(l.learner()), () -> put(l.learner()));
        }

        @Override
        public Write newRenewalImport(NewRenewalImport i) {
            return new Write(1, () -> !table.importsOf(i.renewalImport().companyId())
                    .containsKey(i.renewalImport().importId()),
                    () -> table.importsOf(i.renewalImport().companyId()).put(i.renewalImport().importId(), i.renewalImport()));
        }

        @Override
        public Write renewalImportTransition(RenewalImportTransition t) {
            return new Write(1, () -> {
                RenewalImport stored = table.importsOf(t.after().companyId()).get(t.after().importId());
                return stored != null && stored.version() == t.after().version() - 1;
            }, () -> table.importsOf(t.after().companyId()).put(t.after().importId(), t.after()));
        }
    }

    /** Neither the learner nor its email exists in its company. */
    private boolean isNew(Learner learner) {
        return !table.learnersOf(learner.companyId()).containsKey(learner.learnerId())
                && !table.emailsOf(learner.companyId()).containsKey(learner.emailNormalised());
    }

    private void put(Learner learner) {
        table.learnersOf(learner.companyId()).put(learner.learnerId(), learner);
        table.emailsOf(learner.companyId()).put(learner.emailNormalised(), learner.learnerId());
    }

    static String outboxKey(Publish publish) {
        return publish.event().companyId() + "#" + publish.eventId();
    }
}
