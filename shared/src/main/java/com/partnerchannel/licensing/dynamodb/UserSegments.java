package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerLicence;
import com.partnerchannel.licensing.observability.DynamoDbCost;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * A company's users read for the ones a caller wants (by email, or by id): a first page, then the rest of the
 * {@code USER#} range in segments read at once, cut after the keys the pages already read, while the pages find
 * a wanted user per {@code unitsPerUserByKey} read units or better (docs/data-model.md, "Reading the users in
 * segments"). Every page is strongly consistent, each user is read once, and the users found are handed over on
 * the calling thread, one at a time.
 */
final class UserSegments {
    /** The fewest users a page asks for: about 15 read units of learners. */
    static final int MIN_USERS_PAGE = 100;
    /** Characters of a key after {@code USER#} that its position counts: an id's 26. */
    private static final int DIGITS = 26;
    /** Printable ASCII, {@code !} to {@code ~}: the cuts are keys of these characters only. */
    private static final char ZERO = '!';
    private static final int BASE = '~' - ZERO + 1;
    private static final BigInteger BIG_BASE = BigInteger.valueOf(BASE);
    private static final BigInteger LAST = BIG_BASE.pow(DIGITS).subtract(BigInteger.ONE);
    /** The key right after every {@code USER#} key ({@code $} follows {@code #}): the end of the open segment. */
    private static final String AFTER_USERS = "USER$";

    /** The users after {@code after} (exclusive; null: from the first) up to {@code upTo} (inclusive; null: to the last). */
    record Segment(String after, String upTo) {
    }

    /**
     * What a page brings back of each user ({@code projection}, null: the whole item, with {@code names} for its
     * placeholders), and what is made of it. A projection makes the pages smaller to send and to read, not cheaper:
     * DynamoDB charges a Query for the items it reads, whole, whatever it sends back.
     */
    record Reading<T>(String projection, Map<String, String> names, Function<Map<String, AttributeValue>, T> value) {
        /** Whole users, as learners. */
        static final Reading<Learner> LEARNERS = new Reading<>(null, Map.of(), LearnerItems::fromItem);
        /** Only what the users hold. */
        static final Reading<LearnerLicence> LICENCES = new Reading<>(LearnerItems.LICENCE_PROJECTION,
                LearnerItems.LICENCE_NAMES, LearnerItems::licenceFromItem);
    }

    /** A user a page held whose key is wanted. */
    record Match<T>(String key, T value) {
    }

    /** One page of a segment: the wanted users it held, its first key, the key to go on after (null: the segment is read), its cost. */
    record Page<T>(Segment segment, List<Match<T>> matches, String firstKey, String next, double units, int count) {
    }

    /** What the pages left: the wanted keys no page held, and whether every user was read (then they are nobody's). */
    record Left(Set<String> unmatched, boolean everyUserRead) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ExecutorService readers;
    private final int parallel;

    UserSegments(DynamoDbClient dynamo, String table, ExecutorService readers, int parallel) {
        this.dynamo = dynamo;
        this.table = table;
        this.readers = readers;
        this.parallel = parallel;
    }

    /**
     * Hands {@code found} each user of the company whose key ({@code keyOf} its item) is one of {@code keys}, once,
     * until the users end, every key is found, or the pages cost more read units per user found than
     * {@code unitsPerUserByKey}.
     */
    <T> Left read(CompanyId companyId, Collection<String> keys, Function<Map<String, AttributeValue>, String> keyOf,
                  Reading<T> reading, int unitsPerUserByKey, Consumer<T> found) {
        Set<String> wanted = Set.copyOf(keys); // read by every reader at once: never changed
        Set<String> unmatched = new HashSet<>(wanted);
        String pk = Keys.company(companyId.value());
        Page<T> page = page(pk, new Segment(null, null), wanted, keyOf, reading, limit(unmatched));
        int matched = handOver(page, unmatched, found);
        double units = page.units();
        if (page.next() == null) return new Left(unmatched, true);
        if (unmatched.isEmpty() || matched * unitsPerUserByKey < units) return new Left(unmatched, false);

        Deque<Segment> waiting = new ArrayDeque<>(cut(page, parallel, unmatched.size()));
        CompletionService<Page<T>> reads = new ExecutorCompletionService<>(readers);
        List<Future<Page<T>>> inFlight = new ArrayList<>();
        boolean stopped = false;
        try {
            while (true) {
                while (!stopped && inFlight.size() < parallel && !waiting.isEmpty()) {
                    Segment segment = waiting.poll();
                    int limit = limit(unmatched);
                    inFlight.add(reads.submit(DynamoDbCost.carried(() -> page(pk, segment, wanted, keyOf, reading, limit))));
                }
                if (inFlight.isEmpty()) break;
                Future<Page<T>> done = reads.take();
                inFlight.remove(done);
                page = done.get();
                matched += handOver(page, unmatched, found);
                units += page.units();
                if (unmatched.isEmpty() || matched * unitsPerUserByKey < units) {
                    stopped = true; // the reads in flight are still taken in; no more are sent
                } else if (page.next() != null) {
                    waiting.addAll(cut(page, parallel - inFlight.size() - waiting.size(), unmatched.size()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the users of " + companyId.value(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw new IllegalStateException(e.getCause());
        } finally {
            inFlight.forEach(read -> read.cancel(true));
        }
        return new Left(unmatched, !stopped);
    }

    /** As many users as keys are still unmatched, at least {@link #MIN_USERS_PAGE} (DynamoDB stops a page at 1 MB). */
    private static int limit(Set<String> unmatched) {
        return Math.max(MIN_USERS_PAGE, unmatched.size());
    }

    private static <T> int handOver(Page<T> page, Set<String> unmatched, Consumer<T> found) {
        int matched = 0;
        for (Match<T> match : page.matches()) {
            if (unmatched.remove(match.key())) {
                matched++;
                found.accept(match.value());
            }
        }
        return matched;
    }

    private <T> Page<T> page(String pk, Segment segment, Set<String> wanted,
                             Function<Map<String, AttributeValue>, String> keyOf, Reading<T> reading, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(pk));
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true).limit(limit)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (segment.after() == null && segment.upTo() == null) {
            request.keyConditionExpression("PK = :pk AND begins_with(SK, :users)");
            values.put(":users", s(LearnerItems.PREFIX));
        } else {
            // Bounded at both ends even when open to the last user: DynamoDB Local walks a begins_with range from its
            // start to the ExclusiveStartKey, and BETWEEN from the key itself (docs/benchmarks.md).
            request.keyConditionExpression("PK = :pk AND SK BETWEEN :after AND :upTo");
            values.put(":after", s(segment.after() == null ? LearnerItems.PREFIX : segment.after()));
            values.put(":upTo", s(segment.upTo() == null ? AFTER_USERS : segment.upTo()));
        }
        if (segment.after() != null) request.exclusiveStartKey(Map.of(Keys.PK, s(pk), Keys.SK, s(segment.after())));
        if (reading.projection() != null) {
            request.projectionExpression(reading.projection()).expressionAttributeNames(reading.names());
        }
        QueryResponse response = dynamo.query(request.expressionAttributeValues(values).build());
        List<Match<T>> matches = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            if (!item.get(Keys.SK).s().startsWith(LearnerItems.PREFIX)) continue; // AFTER_USERS itself: not a user
            String key = keyOf.apply(item);
            if (key != null && wanted.contains(key)) matches.add(new Match<>(key, reading.value().apply(item)));
        }
        String first = response.items().isEmpty() ? null : response.items().get(0).get(Keys.SK).s();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get(Keys.SK).s() : null;
        return new Page<>(segment, matches, first, next, readUnits(response), response.count());
    }

    /**
     * What the page cost; DynamoDB answers it when asked (for the items read, whole, whatever the projection).
     * Otherwise its users at the size of a renewed learner.
     */
    private static double readUnits(QueryResponse page) {
        if (page.consumedCapacity() != null && page.consumedCapacity().capacityUnits() != null) {
            return page.consumedCapacity().capacityUnits();
        }
        return Math.ceil(page.count() * 600 / 4096.0);
    }

    /**
     * The rest of a page's segment, after the page's last key: segments as wide as the keys the page covered (so
     * about a page each where the users are as dense), no more than {@code readers} and than the keys still
     * unmatched fill pages of this page's size, the last one to the segment's end.
     */
    static List<Segment> cut(Page<?> page, int readers, int unmatched) {
        Segment rest = new Segment(page.next(), page.segment().upTo());
        int pieces = Math.min(readers, (unmatched + page.count() - 1) / Math.max(1, page.count()));
        if (pieces <= 1 || page.firstKey() == null) return List.of(rest);
        BigInteger from = position(page.next());
        BigInteger width = from.subtract(position(page.firstKey()));
        if (width.signum() <= 0) return List.of(rest);
        List<Segment> segments = new ArrayList<>();
        String after = page.next();
        for (int i = 1; i < pieces; i++) {
            String cut = key(from.add(width.multiply(BigInteger.valueOf(i))));
            if (cut.compareTo(after) <= 0 || rest.upTo() != null && cut.compareTo(rest.upTo()) >= 0) break;
            segments.add(new Segment(after, cut));
            after = cut;
        }
        segments.add(new Segment(after, rest.upTo()));
        return segments;
    }

    /** A key's place in the {@code USER#} range, as a number: its characters after the prefix as digits of base 94. */
    static BigInteger position(String key) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < DIGITS; i++) {
            int at = LearnerItems.PREFIX.length() + i;
            int digit = at < key.length() ? Math.min(Math.max(key.charAt(at) - ZERO, 0), BASE - 1) : 0;
            value = value.multiply(BIG_BASE).add(BigInteger.valueOf(digit));
        }
        return value;
    }

    /** The key at a place in the range: printable ASCII after {@code USER#}, so it sorts the same as bytes (DynamoDB) and as chars. */
    static String key(BigInteger position) {
        BigInteger value = position.min(LAST).max(BigInteger.ZERO);
        char[] digits = new char[DIGITS];
        for (int i = DIGITS - 1; i >= 0; i--) {
            BigInteger[] quotientAndDigit = value.divideAndRemainder(BIG_BASE);
            digits[i] = (char) (ZERO + quotientAndDigit[1].intValue());
            value = quotientAndDigit[0];
        }
        return LearnerItems.PREFIX + new String(digits);
    }
}
