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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * The items each change writes, every one conditional so that nothing happens twice. It implements every
 * capability's change mapping, so a change kind added to one does not compile until it is mapped here.
 */
final class ChangeWrites implements CompanyChange.Mapping<List<TransactWriteItem>>,
        OrderChange.Mapping<List<TransactWriteItem>>, AllocationChange.Mapping<List<TransactWriteItem>>,
        RenewalImportChange.Mapping<List<TransactWriteItem>> {
    private static final String NEW_ITEM = "attribute_not_exists(PK)";

    private final String table;

    ChangeWrites(String table) {
        this.table = table;
    }

    /** The capabilities' changes each map themselves; an event to publish is the outbox's item. */
    List<TransactWriteItem> of(Change change) {
        if (change instanceof CompanyChange c) return c.accept(this);
        if (change instanceof OrderChange o) return o.accept(this);
        if (change instanceof AllocationChange a) return a.accept(this);
        if (change instanceof RenewalImportChange i) return i.accept(this);
        if (change instanceof Publish e) return List.of(putNew(OutboxItems.toItem(e)));
        throw new IllegalArgumentException("no DynamoDB mapping for " + change.getClass().getSimpleName());
    }

    @Override
    public List<TransactWriteItem> newCompany(NewCompany change) {
        return List.of(putNew(CompanyItems.toItem(change.company())));
    }

    @Override
    public List<TransactWriteItem> planUpgrade(PlanUpgrade change) {
        return List.of(put(CompanyItems.toItem(change.upgraded()), "#plan = :trial", Map.of("#plan", "plan"),
                Map.of(":trial", s("trial"))));
    }

    @Override
    public List<TransactWriteItem> newOrder(NewOrder change) {
        return List.of(putNew(OrderItems.toItem(change.order())));
    }

    @Override
    public List<TransactWriteItem> orderTransition(OrderTransition change) {
        return List.of(put(OrderItems.toItem(change.order()), "#status = :from", Map.of("#status", "status"),
                Map.of(":from", s(change.from().name()))));
    }

    @Override
    public List<TransactWriteItem> newPool(NewPool change) {
        return List.of(putNew(PoolItems.newItem(change.pool())));
    }

    @Override
    public List<TransactWriteItem> newPoolWithHolders(NewPoolWithHolders change) {
        // Its allocated counts the holders already, so they are put as they are, with no pool update.
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(PoolItems.toItem(change.pool())));
        for (Learner holder : change.holders()) {
            writes.add(putNew(LearnerItems.emailClaim(holder)));
            writes.add(putNew(LearnerItems.toItem(holder)));
        }
        return writes;
    }

    @Override
    public List<TransactWriteItem> newLearner(NewLearner change) {
        if (change.learner().holdsSeat()) {
            throw new IllegalArgumentException("learners with seats are added through Learners.add");
        }
        return List.of(putNew(LearnerItems.emailClaim(change.learner())),
                putNew(LearnerItems.toItem(change.learner())));
    }

    @Override
    public List<TransactWriteItem> newRenewalImport(NewRenewalImport change) {
        return List.of(putNew(RenewalImportItems.toItem(change.renewalImport())));
    }

    @Override
    public List<TransactWriteItem> renewalImportTransition(RenewalImportTransition change) {
        return List.of(put(RenewalImportItems.toItem(change.after()), RenewalImportItems.UNCHANGED,
                RenewalImportItems.UNCHANGED_NAMES, RenewalImportItems.unchangedValues(change.after())));
    }

    /** A put of a new item: it must not exist yet. */
    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return put(item, NEW_ITEM, Map.of(), Map.of());
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, String> names,
                                  Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!names.isEmpty()) put.expressionAttributeNames(names);
        if (!values.isEmpty()) put.expressionAttributeValues(values);
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
