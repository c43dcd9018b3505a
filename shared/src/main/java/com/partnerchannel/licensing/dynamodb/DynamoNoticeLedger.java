package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.expiry.application.NoticeLedger;
import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The notice ledger entry and its outbox event in one transaction: the notice exists with its event or not at all. */
public final class DynamoNoticeLedger implements NoticeLedger {
    private static final String NEW_ITEM = "attribute_not_exists(PK)";

    private enum Tag { NOTICE, EVENT }

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoNoticeLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean record(Notice notice, NoticeOutcome outcome, Optional<Publish> event, Instant at) {
        Transaction<Tag> transaction = new Transaction<>(table);
        transaction.put(Tag.NOTICE, NoticeItems.toItem(notice, outcome, event.map(Publish::eventId), at), NEW_ITEM,
                Map.of(), Map.of());
        event.ifPresent(publish -> transaction.put(Tag.EVENT, OutboxItems.toItem(publish), NEW_ITEM, Map.of(), Map.of()));
        try {
            transaction.commit(dynamo);
            return true;
        } catch (Transaction.Failed e) {
            if (e.failed.contains(Tag.NOTICE)) return false;
            throw e;
        }
    }
}
