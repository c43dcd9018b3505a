package com.partnerchannel.licensing.testing;

import org.junit.jupiter.api.Test;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB Local finds a stream's earliest record through the index, embedded and over HTTP, not by reading every record. */
class StreamRecordsIndexIT {

    @Test
    void withoutTheIndexTheLookUpReadsEveryStreamRecord() {
        AmazonDynamoDBLocal embedded = DynamoDBEmbedded.create();
        try {
            assertThat(StreamRecordsIndex.queryPlan(embedded, StreamRecordsIndex.EARLIEST_RECORD_OF_STREAM))
                    .doesNotContain("INDEX");
        } finally {
            embedded.shutdown();
        }
    }

    @Test
    void embeddedTheLookUpSearchesTheIndex() {
        AmazonDynamoDBLocal embedded = DynamoDBEmbedded.create();
        try {
            StreamRecordsIndex.addTo(embedded);
            StreamRecordsIndex.addTo(embedded);
            assertThat(StreamRecordsIndex.queryPlan(embedded, StreamRecordsIndex.EARLIEST_RECORD_OF_STREAM))
                    .contains("USING COVERING INDEX us_by_stream (StreamID=?)");
        } finally {
            embedded.shutdown();
        }
    }

    @Test
    void theTestsEmbeddedInstanceHasIt() {
        LocalDynamoDb.client();
        assertThat(StreamRecordsIndex.queryPlan(LocalDynamoDb.embedded(), StreamRecordsIndex.EARLIEST_RECORD_OF_STREAM))
                .contains("USING COVERING INDEX us_by_stream (StreamID=?)");
    }

    @Test
    void overHttpTheLookUpSearchesTheIndex() {
        try (LocalDynamoDb.OverHttp server = LocalDynamoDb.overHttp()) {
            assertThat(StreamRecordsIndex.queryPlan(server.server(), StreamRecordsIndex.EARLIEST_RECORD_OF_STREAM))
                    .contains("USING COVERING INDEX us_by_stream (StreamID=?)");
        }
    }
}
