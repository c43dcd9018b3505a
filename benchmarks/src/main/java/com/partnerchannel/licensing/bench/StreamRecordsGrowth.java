package com.partnerchannel.licensing.bench;

import com.partnerchannel.licensing.testing.StreamRecordsIndex;
import com.partnerchannel.licensing.testing.TemplateTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

import java.util.Locale;
import java.util.Map;

/**
 * What the tests' DynamoDB Local pays for the stream records of the tables before: one embedded instance, as
 * a test JVM has, ten fresh tables from template.yaml (streams on) one after another, the same puts into each,
 * timed per table; once without {@link StreamRecordsIndex} and once with it, each in a fresh instance, after a
 * warm-up of two tables that is not reported.
 *
 * <p>Usage: {@code StreamRecordsGrowth [--tables 10] [--puts 2000]}. Prints Markdown. Asserts nothing about time.
 */
public final class StreamRecordsGrowth {
    private StreamRecordsGrowth() {
    }

    public static void main(String[] args) {
        int tables = 10;
        int puts = 2000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tables" -> tables = Integer.parseInt(args[i + 1]);
                case "--puts" -> puts = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: [--tables 10] [--puts 2000]");
            }
        }
        run(2, puts, true); // a warm-up, discarded: the JIT, and DynamoDB Local's classes, before either measured run
        double[] without = run(tables, puts, false);
        double[] with = run(tables, puts, true);
        System.out.printf(Locale.ROOT, "%d puts into each of %d fresh tables of one embedded DynamoDB Local, %s%n%n", puts, tables,
                Report.load());
        System.out.println("| table | stream records before it | without the index, s | with it, s |");
        System.out.println("|---:|---:|---:|---:|");
        for (int t = 0; t < tables; t++) {
            System.out.printf(Locale.ROOT, "| %d | %,d | %.2f | %.2f |%n", t + 1, t * puts, without[t], with[t]);
        }
        System.exit(0); // DynamoDB Local's embedded instance leaves threads that are not daemons
    }

    private static double[] run(int tables, int puts, boolean index) {
        AmazonDynamoDBLocal embedded = DynamoDBEmbedded.create();
        try {
            if (index) StreamRecordsIndex.addTo(embedded);
            DynamoDbClient client = embedded.dynamoDbClient();
            double[] seconds = new double[tables];
            for (int t = 0; t < tables; t++) {
                String table = "stream-growth-" + t;
                client.createTable(TemplateTable.createTableRequest(table));
                long started = System.nanoTime();
                for (int n = 0; n < puts; n++) {
                    String pk = "C#" + n;
                    client.putItem(put -> put.tableName(table).item(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS("COMPANY"))));
                }
                seconds[t] = (System.nanoTime() - started) / 1e9;
                System.err.printf(Locale.ROOT, "%s index, table %d: %.2f s%n", index ? "with" : "without", t + 1, seconds[t]);
            }
            return seconds;
        } finally {
            embedded.shutdown();
        }
    }
}
