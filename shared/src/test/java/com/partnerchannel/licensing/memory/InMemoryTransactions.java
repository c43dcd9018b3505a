package com.partnerchannel.licensing.memory;

import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.NewPool;
import com.partnerchannel.licensing.allocation.model.NewPoolWithHolders;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.IdempotencyRecord;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportTransition;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.PlanUpgrade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Transactions} on an {@link InMemoryTable}: each change's condition as DynamoTransactions writes it
 * (a new item must not exist, an order must still be in its state, an import at its version, a company still
 * on its trial), all checked before any is applied; and the idempotency record, kept 24 hours.
 */
public final class InMemoryTransactions implements Transactions {
    private static final Duration KEPT = Duration.ofHours(24);

    private final InMemoryTable table;
    private final Clock clock;

    public InMemoryTransactions(InMemoryTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void commit(List<Change> changes, Optional<IdempotencyRecord> record) {
        int items = record.isPresent() ? 1 : 0;
        for (Change change : changes) items += itemsOf(change);
        if (items == 0) return;
        InMemoryTable.requireFits(items);
        Instant now = clock.instant();
        synchronized (table) {
            List<String> failed = new ArrayList<>();
            for (Change change : changes) {
                if (!holds(change)) failed.add(change.getClass().getSimpleName());
            }
            boolean done = record.map(r -> table.idempotency.get(key(r.companyId(), r.userId(), r.key())))
                    .filter(row -> row.liveAt(now)).isPresent();
            if (done) throw new RequestAlreadyDone(null);
            if (!failed.isEmpty()) throw new ConcurrentChange("another request changed the same items: " + failed, null);
            changes.forEach(this::apply);
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

    /** The items DynamoDB would write for the change: a learner is its item and its email claim. */
    private static int itemsOf(Change change) {
        if (change instanceof NewLearner l) {
            if (l.learner().holdsSeat()) {
                throw new IllegalArgumentException("learners with seats are added through Learners.add");
            }
            return 2;
        }
        if (change instanceof NewPoolWithHolders p) return 1 + 2 * p.holders().size();
        return 1;
    }

    private boolean holds(Change change) {
        if (change instanceof NewCompany c) return !table.companies.containsKey(c.company().companyId());
        if (change instanceof NewLearner l) return isNew(l.learner());
        if (change instanceof PlanUpgrade u) {
            InMemoryTable.CompanyRow row = table.companies.get(u.upgraded().companyId());
            return row != null && row.company().plan().filter(plan -> plan == Plan.trial).isPresent();
        }
        if (change instanceof NewOrder o) return !table.orders.containsKey(o.order().orderId());
        if (change instanceof OrderTransition t) {
            return Optional.ofNullable(table.orders.get(t.order().orderId())).filter(o -> o.status() == t.from()).isPresent();
        }
        if (change instanceof NewPool p) return !table.poolsOf(p.pool().companyId()).containsKey(p.pool().poolId());
        if (change instanceof NewPoolWithHolders p) {
            return !table.poolsOf(p.pool().companyId()).containsKey(p.pool().poolId())
                    && p.holders().stream().allMatch(this::isNew);
        }
        if (change instanceof NewRenewalImport i) {
            return !table.importsOf(i.renewalImport().companyId()).containsKey(i.renewalImport().importId());
        }
        if (change instanceof RenewalImportTransition t) {
            RenewalImport stored = table.importsOf(t.after().companyId()).get(t.after().importId());
            return stored != null && stored.version() == t.after().version() - 1;
        }
        if (change instanceof Publish e) return !table.outbox.containsKey(outboxKey(e));
        throw new IllegalArgumentException("no in-memory mapping for " + change.getClass().getSimpleName());
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

    private void apply(Change change) {
        if (change instanceof NewCompany c) {
            table.companies.put(c.company().companyId(), new InMemoryTable.CompanyRow(c.company(), false));
        } else if (change instanceof NewLearner l) {
            put(l.learner());
        } else if (change instanceof PlanUpgrade u) {
            // The company's item is written anew, as DynamoDB's put does: a recorded trial expiry goes with it.
            table.companies.put(u.upgraded().companyId(), new InMemoryTable.CompanyRow(u.upgraded(), false));
        } else if (change instanceof NewOrder o) {
            table.orders.put(o.order().orderId(), o.order());
        } else if (change instanceof OrderTransition t) {
            table.orders.put(t.order().orderId(), t.order());
        } else if (change instanceof NewPool p) {
            table.poolsOf(p.pool().companyId()).put(p.pool().poolId(), new InMemoryTable.PoolRow(p.pool(), true, false));
        } else if (change instanceof NewPoolWithHolders p) {
            // Its allocated counts the holders already; it owes seats to nobody, as DynamoTransactions writes it.
            table.poolsOf(p.pool().companyId()).put(p.pool().poolId(), new InMemoryTable.PoolRow(p.pool(), false, false));
            p.holders().forEach(this::put);
        } else if (change instanceof NewRenewalImport i) {
            table.importsOf(i.renewalImport().companyId()).put(i.renewalImport().importId(), i.renewalImport());
        } else if (change instanceof RenewalImportTransition t) {
            table.importsOf(t.after().companyId()).put(t.after().importId(), t.after());
        } else if (change instanceof Publish e) {
            table.outbox.put(outboxKey(e), e);
        }
    }

    static String outboxKey(Publish publish) {
        return publish.event().companyId() + "#" + publish.eventId();
    }
}
