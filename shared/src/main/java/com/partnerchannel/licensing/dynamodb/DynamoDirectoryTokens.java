package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.directory.application.DirectoryTokens;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/** Directory tokens on the single table (see docs/data-model.md, Directory token). */
public final class DynamoDirectoryTokens implements DirectoryTokens {
    /** How often {@code lastUsedAt} is written at most: a sync of thousands of users is not a write each. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;
    private final QueryPager pager;

    public DynamoDirectoryTokens(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pager = new QueryPager(dynamo);
    }

    @Override
    public void add(DirectoryToken token) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(DirectoryTokenItems.toItem(token))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            // The SDK's retry of a put whose answer was lost meets the token it wrote: that one is issued.
            if (get(token.companyId(), token.tokenId()).filter(token::equals).isPresent()) return;
            throw new AlreadyExists(e);
        }
    }

    @Override
    public Optional<DirectoryToken> get(CompanyId companyId, DirectoryTokenId tokenId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(DirectoryTokenItems.key(companyId, tokenId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DirectoryTokenItems.fromItem(item));
    }

    @Override
    public List<DirectoryToken> ofCompany(CompanyId companyId) {
        return pager.all(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :tokens)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.company(companyId.value())),
                                ":tokens", s(DirectoryTokenItems.PREFIX)))
                        .build())
                .stream().map(DirectoryTokenItems::fromItem).toList();
    }

    @Override
    public boolean remove(CompanyId companyId, DirectoryTokenId tokenId) {
        // A transaction of one, for its ClientRequestToken: the SDK's retry of a delete whose answer was lost is
        // answered as the success it was, where a conditional DeleteItem's retry would find the token gone (404).
        Transaction<String> transaction = new Transaction<>(table);
        transaction.delete("token", DirectoryTokenItems.key(companyId, tokenId), "attribute_exists(PK)", Map.of(), Map.of());
        try {
            transaction.commit(dynamo);
            return true;
        } catch (Transaction.Failed e) {
            if (e.failed.contains("token")) return false;
            throw e;
        }
    }

    @Override
    public void used(DirectoryToken token, Instant now) {
        if (token.lastUsedAt().map(last -> last.isAfter(now.minus(LAST_USED_EVERY))).orElse(false)) return;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(DirectoryTokenItems.key(token.companyId(), token.tokenId()))
                    .updateExpression("SET lastUsedAt = :now")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :since)")
                    .expressionAttributeValues(Map.of(":now", Attr.t(now), ":since", Attr.t(now.minus(LAST_USED_EVERY)))));
        } catch (ConditionalCheckFailedException e) {
            // Another request of the same minute wrote it, or the token was revoked meanwhile: nothing to do.
        }
    }
}
