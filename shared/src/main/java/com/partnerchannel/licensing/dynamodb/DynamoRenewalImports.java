package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

public final class DynamoRenewalImports implements RenewalImports {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRenewalImports(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<RenewalImport> get(CompanyId companyId, ImportId importId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(RenewalImportItems.key(companyId, importId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(RenewalImportItems.fromItem(item));
    }

    @Override
    public void save(RenewalImport updated) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(RenewalImportItems.toItem(updated))
                    .conditionExpression(RenewalImportItems.UNCHANGED)
                    .expressionAttributeNames(RenewalImportItems.UNCHANGED_NAMES)
                    .expressionAttributeValues(RenewalImportItems.unchangedValues(updated)));
        } catch (ConditionalCheckFailedException e) {
            // The SDK's retry of a put whose answer was lost meets the version it wrote: that one is saved.
            if (get(updated.companyId(), updated.importId()).filter(updated::equals).isPresent()) return;
            throw new Changed(e);
        }
    }
}
