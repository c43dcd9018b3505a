package com.partnerchannel.licensing.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages of a query as the API shows them: exactly {@code limit} items when that many match, with an
 * opaque cursor that resumes after the last item returned. Filters can make DynamoDB pages sparse, so
 * this reads on until the page is full, within a bounded number of requests.
 */
final class QueryPager {
    private static final int MAX_REQUESTS_PER_PAGE = 10;
    /** DynamoDB's limit on a sort key (a partition key may have 2048 bytes; ours are far shorter). */
    private static final int MAX_KEY_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;

    QueryPager(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    Page<Map<String, AttributeValue>> page(QueryRequest query, PageRequest page) {
        String index = query.indexName();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = decode(page.cursor());
        if (start != null) requireKeyOf(start, index);
        boolean more = true;
        int requests = 0;
        while (more && items.size() < page.limit() && requests < MAX_REQUESTS_PER_PAGE) {
            int wanted = page.limit() - items.size();
            QueryRequest.Builder request = query.toBuilder().limit(query.filterExpression() == null
                    ? wanted + 1 : Math.min(Math.max(wanted * 4, 100), 1000));
            if (start != null) request.exclusiveStartKey(start);
            QueryResponse response = run(request.build());
            requests++;
            List<Map<String, AttributeValue>> found = response.items();
            if (found.size() >= wanted) {
                // More than needed: stop after the last item returned, so nothing is skipped or repeated.
                boolean truncated = found.size() > wanted || response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
                items.addAll(found.subList(0, wanted));
                return new Page<>(items, truncated ? encode(keyOf(items.get(items.size() - 1), index)) : null);
            }
            items.addAll(found);
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        }
        return new Page<>(items, more ? encode(start) : null);
    }

    /** Pages through {@code first} and then {@code second} as one list; the cursor says which one it is in. */
    Page<Map<String, AttributeValue>> pageBoth(QueryRequest first, QueryRequest second, PageRequest page) {
        String cursor = page.cursor();
        if (cursor != null && !cursor.startsWith("A.") && !cursor.startsWith("B.")) {
            throw Problem.invalid("cursor", "is not a cursor this API returned");
        }
        if (cursor == null || cursor.startsWith("A.")) {
            Page<Map<String, AttributeValue>> a = page(first, new PageRequest(page.limit(),
                    cursor == null ? null : cursor.substring(2)));
            if (a.nextCursor() != null) return new Page<>(a.items(), "A." + a.nextCursor());
            int remaining = page.limit() - a.items().size();
            if (remaining == 0) return new Page<>(a.items(), "B.");
            Page<Map<String, AttributeValue>> b = page(second, new PageRequest(remaining, null));
            List<Map<String, AttributeValue>> items = new ArrayList<>(a.items());
            items.addAll(b.items());
            return new Page<>(items, b.nextCursor() == null ? null : "B." + b.nextCursor());
        }
        String rest = cursor.substring(2);
        Page<Map<String, AttributeValue>> b = page(second, new PageRequest(page.limit(), rest.isEmpty() ? null : rest));
        return new Page<>(b.items(), b.nextCursor() == null ? null : "B." + b.nextCursor());
    }

    int count(QueryRequest query) {
        int count = 0;
        for (QueryResponse response : dynamo.queryPaginator(query.toBuilder()
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT).build())) {
            count += response.count();
        }
        return count;
    }

    List<Map<String, AttributeValue>> all(QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (QueryResponse response : dynamo.queryPaginator(query)) items.addAll(response.items());
        return items;
    }

    private QueryResponse run(QueryRequest request) {
        try {
            return dynamo.query(request);
        } catch (DynamoDbException e) {
            if (request.hasExclusiveStartKey() && e.statusCode() == 400 && !"ThrottlingException".equals(e.awsErrorDetails().errorCode())) {
                throw Problem.invalid("cursor", "does not belong to this list");
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, String index) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, item.get(Keys.PK));
        key.put(Keys.SK, item.get(Keys.SK));
        if (index != null) {
            key.put(Keys.pk(index), item.get(Keys.pk(index)));
            key.put(Keys.sk(index), item.get(Keys.sk(index)));
        }
        return key;
    }

    /**
     * A cursor names exactly the key attributes of the list's table or index, each a non-empty text
     * within DynamoDB's key size: anything else (an empty object, an edited or foreign cursor) is
     * refused here, before DynamoDB would answer it with an error.
     */
    private static void requireKeyOf(Map<String, AttributeValue> start, String index) {
        java.util.Set<String> expected = index == null ? java.util.Set.of(Keys.PK, Keys.SK)
                : java.util.Set.of(Keys.PK, Keys.SK, Keys.pk(index), Keys.sk(index));
        boolean valid = start.keySet().equals(expected) && start.values().stream().allMatch(value -> value.s() != null
                && !value.s().isEmpty() && value.s().getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES);
        if (!valid) throw Problem.invalid("cursor", "is not a cursor this list returned");
    }

    static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) return null;
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((name, value) -> plain.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null) return null;
        try {
            Map<String, String> plain = JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
                    new TypeReference<Map<String, String>>() {
                    });
            Map<String, AttributeValue> key = new HashMap<>();
            plain.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
            return key;
        } catch (Exception e) {
            throw Problem.invalid("cursor", "is not a cursor this API returned");
        }
    }
}
