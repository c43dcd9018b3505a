package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.AllocationChange;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.NewLearner;
import com.partnerchannel.licensing.allocation.model.NewPool;
import com.partnerchannel.licensing.allocation.model.NewPoolWithHolders;
import com.partnerchannel.licensing.common.Change;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.OrderChange;
import com.partnerchannel.licensing.ordering.model.OrderTransition;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.RenewalImportChange;
import com.partnerchannel.licensing.renewal.model.RenewalImportTransition;
import com.partnerchannel.licensing.tenancy.model.CompanyChange;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.PlanUpgrade;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * The items each change writes into a {@link Transaction}, every one conditional so that nothing happens twice,
 * and tagged with its change. It implements every capability's change mapping, so a change kind added to one
 * does not compile until it is mapped here.
 */
final class ChangeWrites implements CompanyChange.Mapping<Transaction<Change>>,
        OrderChange.Mapping<Transaction<Change>>, AllocationChange.Mapping<Transaction<Change>>,
        RenewalImportChange.Mapping<Transaction<Change>> {
    private static final String NEW_ITEM = "attribute_not_exists(PK)";

    private final Transaction<Change> transaction;

    ChangeWrites(Transaction<Change> transaction) {
        this.transaction = transaction;
    }

    /** The capabilities' changes each map themselves; an event to publish is the outbox's item. */
    Transaction<Change> add(Change change) {
        if (change instanceof CompanyChange c) return c.accept(this);
        if (change instanceof OrderChange o) return o.accept(this);
        if (change instanceof AllocationChange a) return a.accept(this);
        if (change instanceof RenewalImportChange i) return i.accept(this);
        if (change instanceof Publish e) return putNew(e, OutboxItems.toItem(e));
        throw new IllegalArgumentException("no DynamoDB mapping for " + change.getClass().getSimpleName());
    }

    @Override
    public Transaction<Change> newCompany(NewCompany change) {
        return putNew(change, CompanyItems.toItem(change.company()));
    }

    @Override
    public Transaction<Change> planUpgrade(PlanUpgrade change) {
        CompanyItems.upgrade(transaction, change, change.upgraded());
        return transaction;
    }

    @Override
    public Transaction<Change> newOrder(NewOrder change) {
        return putNew(change, OrderItems.toItem(change.order()));
    }

    @Override
    public Transaction<Change> orderTransition(OrderTransition change) {
        return transaction.put(change, OrderItems.toItem(change.order()), "#status = :from",
                Map.of("#status", "status"), Map.of(":from", s(change.from().name())));
    }

    @Override
    public Transaction<Change> newPool(NewPool change) {
        return putNew(change, PoolItems.newItem(change.pool()));
    }

    @Override
    public Transaction<Change> newPoolWithHolders(NewPoolWithHolders change) {
        // Its allocated counts the holders already, so they are put as they are, with no pool update.
        putNew(change, PoolItems.toItem(change.pool()));
        for (Learner holder : change.holders()) {
            putNew(change, LearnerItems.emailClaim(holder));
            putNew(change, LearnerItems.toItem(holder));
        }
        return transaction;
    }

    /** Its company's counters: counted by the company's Put when created with it, else DynamoTransactions adds them. */
    @Override
    public Transaction<Change> newLearner(NewLearner change) {
        if (change.learner().holdsSeat()) {
            throw new IllegalArgumentException("learners with seats are added through Learners.add");
        }
        putNew(change, LearnerItems.emailClaim(change.learner()));
        return putNew(change, LearnerItems.toItem(change.learner()));
    }

    @Override
    public Transaction<Change> newRenewalImport(NewRenewalImport change) {
        return putNew(change, RenewalImportItems.toItem(change.renewalImport()));
    }

    @Override
    public Transaction<Change> renewalImportTransition(RenewalImportTransition change) {
        return transaction.put(change, RenewalImportItems.toItem(change.after()), RenewalImportItems.UNCHANGED,
                RenewalImportItems.UNCHANGED_NAMES, RenewalImportItems.unchangedValues(change.after()));
    }

    /** A put of a new item: it must not exist yet. */
    private Transaction<Change> putNew(Change change, Map<String, AttributeValue> item) {
        return transaction.put(change, item, NEW_ITEM, Map.of(), Map.of());
    }
}
