package com.partnerchannel.licensing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.TemplateTable;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.partnerchannel.licensing.bench.Report.f0;
import static com.partnerchannel.licensing.bench.Report.f1;
import static com.partnerchannel.licensing.bench.Report.f2;
import static com.partnerchannel.licensing.bench.Report.f3;
import static com.partnerchannel.licensing.bench.Report.freePort;
import static com.partnerchannel.licensing.bench.Report.header;
import static com.partnerchannel.licensing.bench.Report.load;
import static com.partnerchannel.licensing.bench.Report.row;
import static com.partnerchannel.licensing.bench.Report.sizes;

/**
 * Bulk allocation against DynamoDB Local: one {@code POST /companies/{id}/learners} adding 10,000
 * learners, and one {@code POST /companies/{id}/allocations} with {@code allExpired: true} renewing
 * 20,000 expired learners. For each call: wall time, DynamoDB requests by operation (counted by an SDK
 * interceptor on the functions' own client, {@link RequestCounter}), items written, the capacity
 * DynamoDB Local reports, and the heap and CPU of this JVM during the call ({@link HeapWatch}).
 *
 * <p>DynamoDB Local runs as a loopback HTTP server in a child JVM ({@code --dynamodb child}, the
 * default), so this JVM's heap and CPU are the function's alone; {@code --dynamodb in-process} runs it
 * in this JVM instead. The table is created from template.yaml; everything, the seed included, goes
 * through the real handlers ({@link InProcessApi}) around a {@link Licensing} with a clock the
 * benchmark moves.
 *
 * <p>Usage: {@code BulkAllocation [--scenario add|renew|both] [--add 10000] [--renew 20000]
 * [--dynamodb child|in-process] [--capacity] [--no-warmup] [--idempotency-key] [--no-stream]}. It prints Markdown
 * and fails when a result is not what the rules say. It asserts nothing about time. {@code --capacity}
 * asks DynamoDB Local for {@code ReturnConsumedCapacity}; its figures for transactions do not follow
 * DynamoDB's pricing rules, so the write units printed are estimated from the items instead.
 * {@code --no-stream} creates the table without the template's stream: DynamoDB Local spends a time
 * growing with the table's history on stream bookkeeping at every write, which DynamoDB does not.
 */
public final class BulkAllocation {
    private static final String REGION = "us-east-1";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Actor PLATFORM_ADMIN =
            new Actor(new UserId("bench-admin"), new CompanyId("PLATFORM"), Role.platform_admin);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP_LEARNERS = 300;

    private BulkAllocation() {
    }

    record Options(String scenario, int add, int renew, String dynamodb, boolean capacity, boolean warmup,
                   boolean idempotencyKey, boolean stream) {
        static Options parse(String[] args) {
            String scenario = "both";
            int add = 10_000;
            int renew = 20_000;
            String dynamodb = "child";
            boolean capacity = false;
            boolean warmup = true;
            boolean key = false;
            boolean stream = true;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                boolean takesValue = List.of("--scenario", "--add", "--renew", "--dynamodb").contains(option);
                if (takesValue) i++;
                switch (option) {
                    case "--scenario" -> scenario = required(option, value);
                    case "--add" -> add = Integer.parseInt(required(option, value));
                    case "--renew" -> renew = Integer.parseInt(required(option, value));
                    case "--dynamodb" -> dynamodb = required(option, value);
                    case "--capacity" -> capacity = true;
                    case "--no-warmup" -> warmup = false;
                    case "--idempotency-key" -> key = true;
                    case "--no-stream" -> stream = false;
                    default -> throw new IllegalArgumentException("unknown option " + option + "; usage: BulkAllocation"
                            + " [--scenario add|renew|both] [--add 10000] [--renew 20000] [--dynamodb child|in-process]"
                            + " [--capacity] [--no-warmup] [--idempotency-key] [--no-stream]");
                }
            }
            if (!List.of("add", "renew", "both").contains(scenario)) throw new IllegalArgumentException("--scenario add|renew|both");
            if (!List.of("child", "in-process").contains(dynamodb)) throw new IllegalArgumentException("--dynamodb child|in-process");
            return new Options(scenario, add, renew, dynamodb, capacity, warmup, key, stream);
        }

        private static String required(String option, String value) {
            if (value == null) throw new IllegalArgumentException(option + " needs a value");
            return value;
        }
    }

    /** What one measured call cost. */
    record Measured(String label, int learners, InProcessApi.Response response, long wallNanos, long bodyBytes,
                    long responseBytes, long payloadBytes, Map<String, RequestCounter.Operation> operations,
                    Map<String, long[]> queryShapes, HeapWatch.Figures heap, Optional<Duration> dynamoCpu,
                    List<String> failures, String loadBefore, String loadAfter) {
        int status() {
            return response.status();
        }

        long requests() {
            return operations.values().stream().mapToLong(op -> op.calls).sum();
        }

        long attempts() {
            return operations.values().stream().mapToLong(op -> op.attempts).sum();
        }

        long nanosInDynamo() {
            return operations.values().stream().mapToLong(op -> op.nanos).sum();
        }

        RequestCounter.Operation op(String name) {
            return operations.getOrDefault(name, new RequestCounter.Operation(name));
        }

        double capacity() {
            return operations.values().stream().mapToDouble(op -> op.capacityUnits).sum();
        }
    }

    /** DynamoDB Local, in a child JVM or in this one. */
    interface Server extends AutoCloseable {
        /** The benchmarks' dummy key: DynamoDB Local keeps a database per access key, and takes letters and digits only. */
        String ACCESS_KEY = "bench";

        URI endpoint();

        Optional<Duration> cpu();

        String describe();

        /** A client of it with the benchmarks' dummy key, counting with these interceptors. */
        default DynamoDbClient client(ExecutionInterceptor... interceptors) {
            return DynamoDbClient.builder()
                    // On a loaded machine DynamoDB Local can take over the default 30 s to answer a large call
                    // (an assignment reading 90,000 users failed so, 9 attempts, at a load average of 20).
                    .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                    .endpointOverride(endpoint())
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
                    .overrideConfiguration(c -> java.util.Arrays.stream(interceptors).forEach(c::addExecutionInterceptor))
                    .build();
        }

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("bulk-allocation-");
        RequestCounter counter = new RequestCounter(options.capacity());
        HeapWatch heap = new HeapWatch();
        List<Measured> results = new ArrayList<>();
        try (Server server = options.dynamodb().equals("child") ? ChildServer.start(work) : InProcessServer.start()) {
            DynamoDbClient dynamo = server.client(counter);
            printSetup(options, server);
            Tables tables = new Tables(dynamo, options.stream());
            if (options.warmup()) warmUp(dynamo, tables);
            if (!options.scenario().equals("renew")) add(dynamo, tables, counter, heap, server, options, results);
            if (!options.scenario().equals("add")) renew(dynamo, tables, counter, heap, server, options, results);
            print(results);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** The same routes on a small company first, so that the measured calls do not pay for class loading. */
    private static void warmUp(DynamoDbClient dynamo, Tables tables) {
        String table = tables.create("bench-warmup");
        MutableClock clock = new MutableClock(START);
        Tenant tenant = Tenant.create(new InProcessApi(new Licensing(dynamo, table, clock)), "warmup", WARMUP_LEARNERS);
        expect(tenant.addLearners(1, WARMUP_LEARNERS - 1, Optional.empty()), 201, "warm-up add");
        clock.set(START.atZone(ZoneOffset.UTC).plusMonths(13).toInstant());
        tenant.assign(WARMUP_LEARNERS);
        expect(tenant.renewAllExpired(Optional.empty()), 200, "warm-up renewal");
        System.out.println("- warm-up: added " + (WARMUP_LEARNERS - 1) + " learners and renewed " + WARMUP_LEARNERS
                + " in another table first (not measured)");
        System.out.println();
    }

    /** Scenario A: one request adds {@code n} learners to a customer whose one pool has a seat for each. */
    private static void add(DynamoDbClient dynamo, Tables tables, RequestCounter counter, HeapWatch heap, Server server,
                            Options options, List<Measured> results) {
        int n = options.add();
        String table = tables.create("bench-add");
        MutableClock clock = new MutableClock(START);
        InProcessApi api = new InProcessApi(new Licensing(dynamo, table, clock));
        Tenant tenant = Tenant.create(api, "add", n + 1); // the manager holds one seat
        String body = tenant.learnersBody(1, n);
        Optional<String> key = options.idempotencyKey() ? Optional.of(UUID.randomUUID().toString()) : Optional.empty();

        Measured measured = measure("add " + n, n, body, counter, heap, server,
                () -> tenant.post("/learners", body, key));
        results.add(measured);
        if (measured.status() >= 500 && key.isPresent()) {
            // What a client does next: send the same request with the same key again.
            measured = measure("add " + n + ", retried with the same key", n, body, counter, heap, server,
                    () -> tenant.post("/learners", body, key));
            results.add(measured);
        }
        if (measured.status() >= 300 && key.isPresent()) {
            System.out.println("- add: with an Idempotency-Key the call answered " + measured.status()
                    + "; the learners' seats are checked all the same");
        } else if (measured.status() != 201) {
            throw new IllegalStateException("adding answered " + measured.status());
        }
        JsonNode licences = tenant.licences();
        int allocated = licences.path("pools").path(0).path("allocated").asInt();
        int active = licences.path("counts").path("active").asInt();
        if (allocated != n + 1 || active != n + 1) {
            throw new IllegalStateException("after adding " + n + " learners the pool holds " + allocated
                    + " and " + active + " are active; expected " + (n + 1) + ": " + licences);
        }
        System.out.println("- add: checked: " + n + " created and licensed; the pool's allocated is " + allocated
                + " (the learners and the manager), " + active + " active");
    }

    /**
     * Scenario B: a customer with {@code m} learners (the manager included) on a pool of {@code m}
     * seats; 13 months later all are expired and a new pool of {@code m} seats is assigned (expired
     * learners never take seats by themselves); then one request renews all expired learners.
     */
    private static void renew(DynamoDbClient dynamo, Tables tables, RequestCounter counter, HeapWatch heap,
                              Server server, Options options, List<Measured> results) {
        int m = options.renew();
        String table = tables.create("bench-renew");
        MutableClock clock = new MutableClock(START);
        InProcessApi api = new InProcessApi(new Licensing(dynamo, table, clock));
        Tenant tenant = Tenant.create(api, "renew", m);
        long seeding = System.nanoTime();
        for (int from = 1; from < m; from += 10_000) {
            int count = Math.min(10_000, m - from);
            JsonNode added = expect(tenant.addLearners(from, count, Optional.empty()), 201, "seeding add").json();
            if (added.path("summary").path("licensed").asInt() != count) {
                throw new IllegalStateException("seeding: " + added.path("summary"));
            }
        }
        clock.set(START.atZone(ZoneOffset.UTC).plusMonths(13).toInstant());
        String orderId = tenant.requestOrder(m);
        // Measured too: an assignment settles what it owes the company's unlicensed learners.
        Measured assignment = measure("assign " + m + " seats", m, "", counter, heap, server,
                () -> tenant.assignOrder(orderId));
        results.add(assignment);
        String newPool = expect(assignment.response(), 200, "assigning the order").json().path("poolId").asText();
        JsonNode before = tenant.licences();
        if (before.path("counts").path("expired").asInt() != m || before.path("counts").path("availableSeats").asInt() != m) {
            throw new IllegalStateException("seeding: expected " + m + " expired and " + m + " free seats: " + before);
        }
        System.out.printf(Locale.ROOT, "- renew: seeded %,d learners (the manager and %,d added in %d requests) in %.0f s;"
                        + " 13 months later all %,d are expired and a new pool of %,d seats is free%n",
                m, m - 1, (m - 1 + 9_999) / 10_000, (System.nanoTime() - seeding) / 1e9, m, m);

        String body = "{\"allExpired\":true}";
        Optional<String> key = options.idempotencyKey() ? Optional.of(UUID.randomUUID().toString()) : Optional.empty();
        Measured measured = measure("renew " + m, m, body, counter, heap, server,
                () -> tenant.post("/allocations", body, key));
        results.add(measured);
        if (measured.status() >= 500 && key.isPresent()) {
            measured = measure("renew " + m + ", retried with the same key", m, body, counter, heap, server,
                    () -> tenant.post("/allocations", body, key));
            results.add(measured);
        }
        if (measured.status() >= 300 && key.isPresent()) {
            System.out.println("- renew: with an Idempotency-Key the call answered " + measured.status()
                    + "; the seats are checked all the same");
        } else if (measured.status() != 200) {
            throw new IllegalStateException("renewing answered " + measured.status());
        }
        JsonNode after = tenant.licences();
        int allocated = -1;
        int oldAllocated = -1;
        for (JsonNode pool : after.path("pools")) {
            if (pool.path("poolId").asText().equals(newPool)) allocated = pool.path("allocated").asInt();
            else oldAllocated = pool.path("allocated").asInt();
        }
        int active = after.path("counts").path("active").asInt();
        if (allocated != m || active != m || after.path("counts").path("expired").asInt() != 0) {
            throw new IllegalStateException("after renewing, the new pool holds " + allocated + " and " + active
                    + " are active; expected " + m + ": " + after);
        }
        System.out.println("- renew: checked: the new pool's allocated is " + allocated + ", " + active
                + " active, 0 expired; the expired pool's allocated went back to " + oldAllocated);
    }

    private static Measured measure(String label, int learners, String body, RequestCounter counter, HeapWatch heap,
                                    Server server, java.util.function.Supplier<InProcessApi.Response> call) {
        String loadBefore = load();
        Optional<Duration> cpuBefore = server.cpu();
        heap.start();
        counter.reset();
        long started = System.nanoTime();
        InProcessApi.Response response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            // The handler threw: Lambda reports the invocation as failed and API Gateway answers 500.
            response = new InProcessApi.Response(500, Map.of(), "the handler threw " + e);
        }
        long wall = System.nanoTime() - started;
        Map<String, RequestCounter.Operation> operations = counter.snapshot();
        Map<String, long[]> queryShapes = counter.queryShapes();
        List<String> failures = counter.failures();
        HeapWatch.Figures figures = heap.stop();
        Optional<Duration> cpuAfter = server.cpu();
        Optional<Duration> dynamoCpu = cpuBefore.flatMap(b -> cpuAfter.map(a -> a.minus(b)));
        int status = response.status();
        if (status >= 300) {
            System.out.println("- " + label + ": answered " + status + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        System.out.printf(Locale.ROOT, "- %s: answered %d in %.1f s%n", label, status, wall / 1e9);
        // Only a small body is kept: a large one would sit in the heap of the next measurement.
        InProcessApi.Response kept = response.body() != null && response.body().length() > 65_536
                ? new InProcessApi.Response(status, response.headers(), null) : response;
        return new Measured(label, learners, kept, wall, body.getBytes(StandardCharsets.UTF_8).length,
                response.body() == null ? 0 : response.body().getBytes(StandardCharsets.UTF_8).length,
                payload(response), operations, queryShapes, figures, dynamoCpu, failures, loadBefore, load());
    }

    /** Tables as template.yaml declares them; with {@code stream} false, without their stream. */
    record Tables(DynamoDbClient dynamo, boolean stream) {
        String create(String name) {
            CreateTableRequest request = TemplateTable.createTableRequest(name);
            if (!stream) request = request.toBuilder().streamSpecification((StreamSpecification) null).build();
            dynamo.createTable(request);
            return name;
        }
    }

    /** The response as the function returns it to Lambda: the payload 2.0 response, its body a JSON string. */
    private static long payload(InProcessApi.Response response) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("statusCode", response.status());
        payload.put("headers", response.headers());
        payload.put("body", response.body());
        try {
            return JSON.writeValueAsBytes(payload).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partner, a premium customer under it with one manager, and an assigned order, through the API. */
    record Tenant(InProcessApi api, Actor partnerManager, Actor manager, String companyId, String label) {
        static Tenant create(InProcessApi api, String label, int seats) {
            Actor partner = managerOf(expect(api.post(PLATFORM_ADMIN, "/companies", Map.of(
                    "name", "Bench Partner " + label, "kind", "partner",
                    "managers", List.of(Map.of("email", "pat@" + label + ".partner.example", "name", "Pat Partner")))),
                    201, "creating the partner"));
            Actor manager = managerOf(expect(api.post(partner, "/companies", Map.of(
                    "name", "Bench Customer " + label, "kind", "customer", "plan", "premium",
                    "parentId", partner.companyId().value(),
                    "managers", List.of(Map.of("email", "cam@" + label + ".customer.example", "name", "Cam Customer")))),
                    201, "creating the customer"));
            Tenant tenant = new Tenant(api, partner, manager, manager.companyId().value(), label);
            tenant.assign(seats);
            return tenant;
        }

        /** Requests and assigns an order of {@code seats}; answers the new pool's id. */
        String assign(int seats) {
            return expect(assignOrder(requestOrder(seats)), 200, "assigning the order").json().path("poolId").asText();
        }

        String requestOrder(int seats) {
            return expect(api.post(manager, "/companies/" + companyId + "/orders", Map.of("quantity", seats)),
                    201, "requesting the order").json().path("orderId").asText();
        }

        InProcessApi.Response assignOrder(String orderId) {
            return api.post(partnerManager, "/orders/" + orderId + "/assign", null);
        }

        /** The body of one CSV add: learners {@code from} … {@code from + count - 1}. */
        String learnersBody(int from, int count) {
            List<Map<String, String>> rows = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                rows.add(Map.of("email", String.format(Locale.ROOT, "learner%05d@%s.customer.example", i, label),
                        "firstName", "Learner", "lastName", String.format(Locale.ROOT, "Number %05d", i), "role", "learner"));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("learners", rows);
            body.put("source", "csv");
            try {
                return JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        InProcessApi.Response addLearners(int from, int count, Optional<String> key) {
            return post("/learners", learnersBody(from, count), key);
        }

        InProcessApi.Response renewAllExpired(Optional<String> key) {
            return post("/allocations", "{\"allExpired\":true}", key);
        }

        InProcessApi.Response post(String path, String body, Optional<String> key) {
            String full = "/companies/" + companyId + path;
            return key.isPresent() ? api.post(manager, full, body, key.get()) : api.post(manager, full, body);
        }

        InProcessApi.Response get(String path) {
            return api.get(manager, "/companies/" + companyId + path);
        }

        JsonNode licences() {
            return expect(api.get(manager, "/companies/" + companyId + "/licences"), 200, "reading the licences").json();
        }
    }

    static InProcessApi.Response expect(InProcessApi.Response response, int status, String what) {
        if (response.status() != status) throw new IllegalStateException(what + " answered " + response);
        return response;
    }

    /** The first manager of a company the API answered with. */
    static Actor managerOf(InProcessApi.Response company) {
        return new Actor(new UserId(company.json().path("managers").path(0).path("userId").asText()),
                new CompanyId(company.json().path("companyId").asText()), Role.manager);
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    private static void printSetup(Options options, Server server) {
        System.out.println("# Bulk allocation against DynamoDB Local");
        System.out.println();
        System.out.println("- java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
                + HeapWatch.Figures.mb(Runtime.getRuntime().maxMemory()) + " MB, JVM options "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("- DynamoDB Local: " + server.describe());
        System.out.println("- table: template.yaml's LicensingTable" + (options.stream() ? "" : " without its stream")
                + ", one per scenario, all in the one DynamoDB Local");
        System.out.println("- ReturnConsumedCapacity INDEXES on every request: " + (options.capacity() ? "yes" : "no")
                + "; Idempotency-Key on the measured calls: " + (options.idempotencyKey() ? "yes" : "no"));
        System.out.println();
    }

    private static void print(List<Measured> results) {
        if (results.isEmpty()) return;
        System.out.println();
        System.out.println("## Per call");
        System.out.println();
        header("figure", results, Measured::label);
        row(results, "HTTP status", m -> Integer.toString(m.status()));
        row(results, "wall time, s", m -> f1(m.wallNanos() / 1e9));
        row(results, "learners per second", m -> f0(m.learners() / (m.wallNanos() / 1e9)));
        row(results, "time inside DynamoDB calls, summed over threads, s (share of the wall time)", m -> f1(m.nanosInDynamo() / 1e9)
                + " (" + f0(100.0 * m.nanosInDynamo() / m.wallNanos()) + " %)");
        row(results, "DynamoDB requests (HTTP attempts)", m -> f0(m.requests()) + " (" + f0(m.attempts()) + ")");
        row(results, "requests per learner", m -> f3((double) m.requests() / m.learners()));
        row(results, "TransactWriteItems", m -> f0(m.op("TransactWriteItems").calls));
        row(results, "items written in transactions", m -> f0(m.op("TransactWriteItems").items));
        row(results, "… put / update / delete", m -> f0(m.op("TransactWriteItems").putCount) + " / "
                + f0(m.op("TransactWriteItems").updates) + " / " + f0(m.op("TransactWriteItems").deletes));
        row(results, "items written per learner", m -> f2((double) (m.op("TransactWriteItems").items
                + m.op("UpdateItem").calls + m.op("PutItem").calls) / m.learners()));
        row(results, "items per transaction (count)", m -> sizes(m.op("TransactWriteItems")));
        row(results, "items put, by kind: count × mean bytes (max)", m -> putKinds(m.op("TransactWriteItems")));
        row(results, "write units, estimated (per learner)", m -> f0(m.op("TransactWriteItems").estimatedWriteUnits)
                + " (" + f2(m.op("TransactWriteItems").estimatedWriteUnits / m.learners()) + ")");
        if (results.stream().anyMatch(m -> m.capacity() > 0)) {
            row(results, "capacity units DynamoDB Local reported", m -> f0(m.capacity()));
        }
        row(results, "DynamoDB errors", m -> m.failures().isEmpty() ? "0" : m.failures().size() + ": " + m.failures().get(0));
        row(results, "request body, KB", m -> f0(m.bodyBytes() / 1024.0));
        row(results, "response body, KB", m -> f0(m.responseBytes() / 1024.0));
        row(results, "response payload to Lambda (limit 6 MB = 6,291,456 bytes), bytes", m -> f0(m.payloadBytes())
                + (m.payloadBytes() > 6_291_456 ? " **over**" : ""));
        row(results, "bytes sent to / received from DynamoDB, MB", m -> f1(sum(m, op -> op.bytesSent) / 1048576.0)
                + " / " + f1(sum(m, op -> op.bytesReceived) / 1048576.0));
        row(results, "CPU of the calling thread, s", m -> f1(m.heap().threadCpuNanos() / 1e9));
        row(results, "CPU of this JVM (GC, JIT included), s", m -> f1(m.heap().processCpuNanos() / 1e9));
        row(results, "CPU of DynamoDB Local, s", m -> m.dynamoCpu().map(d -> f1(d.toMillis() / 1e3)).orElse("in this JVM"));
        row(results, "allocated by the calling thread, MB", m -> HeapWatch.Figures.mb(m.heap().allocatedBytes()));
        row(results, "heap in use before (after a full GC), MB", m -> HeapWatch.Figures.mb(m.heap().usedBeforeBytes()));
        row(results, "peak heap (sum of pool peaks), MB", m -> HeapWatch.Figures.mb(m.heap().peakBytes()));
        row(results, "largest heap after a GC during the call, MB", m -> m.heap().collections() == 0 ? "no GC"
                : HeapWatch.Figures.mb(m.heap().maxAfterGcBytes()));
        row(results, "heap in use after, MB", m -> HeapWatch.Figures.mb(m.heap().usedAfterBytes()));
        row(results, "collections (time, ms)", m -> m.heap().collections() + " (" + m.heap().collectionMillis() + ")");
        row(results, "load average before → after", m -> m.loadBefore() + " → " + m.loadAfter());

        for (Measured m : results) {
            System.out.println();
            System.out.println("## Requests of " + m.label() + " by operation");
            System.out.println();
            boolean capacity = m.capacity() > 0;
            System.out.println("| operation | requests | per learner | items or keys | read before filter | ms inside |"
                    + (capacity ? " capacity units (DynamoDB Local) |" : ""));
            System.out.println("|---|---:|---:|---:|---:|---:|" + (capacity ? "---:|" : ""));
            for (RequestCounter.Operation op : m.operations().values()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%s%n", op.name, f0(op.calls),
                        f3((double) op.calls / m.learners()), f0(op.items), op.name.equals("Query") ? f0(op.scanned) : "",
                        f0(op.nanos / 1e6), capacity ? " " + f1(op.capacityUnits) + " |" : "");
            }
            System.out.printf(Locale.ROOT, "| **all** | **%s** | **%s** | | | **%s** |%s%n", f0(m.requests()),
                    f3((double) m.requests() / m.learners()), f0(m.nanosInDynamo() / 1e6),
                    capacity ? " **" + f1(m.capacity()) + "** |" : "");
            if (!m.queryShapes().isEmpty()) {
                System.out.println();
                System.out.println("| query of " + m.label() + " | pages | items returned | items read |");
                System.out.println("|---|---:|---:|---:|");
                m.queryShapes().forEach((shape, counts) -> System.out.printf(Locale.ROOT, "| `%s` | %s | %s | %s |%n",
                        shape.replace("|", "\\|"), f0(counts[0]), f0(counts[1]), f0(counts[2])));
            }
        }
        System.out.println();
        System.out.println("Heap: " + results.get(0).heap().collectorNames() + ", max heap "
                + HeapWatch.Figures.mb(results.get(0).heap().maxHeapBytes()) + " MB.");
    }

    private static String putKinds(RequestCounter.Operation op) {
        if (op.puts.isEmpty()) return "–";
        StringBuilder text = new StringBuilder();
        op.puts.forEach((kind, puts) -> {
            if (text.length() > 0) text.append("; ");
            text.append(kind).append(' ').append(f0(puts.count)).append(" × ").append(f0((double) puts.bytes / puts.count))
                    .append(" (").append(puts.maxBytes).append(')');
        });
        return text.toString();
    }

    private static long sum(Measured m, java.util.function.ToLongFunction<RequestCounter.Operation> f) {
        return m.operations().values().stream().mapToLong(f).sum();
    }

    // ---------------------------------------------------------------------------------------------
    // DynamoDB Local

    /** {@code java -cp <this class path> ServerRunner -inMemory -port N -disableTelemetry}, a process of its own. */
    static final class ChildServer implements Server {
        private final Process process;
        private final URI endpoint;
        private final String javaBinary;

        private ChildServer(Process process, URI endpoint, String javaBinary) {
            this.process = process;
            this.endpoint = endpoint;
            this.javaBinary = javaBinary;
        }

        static ChildServer start(Path work) throws IOException, InterruptedException {
            int port = freePort();
            String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(javaBinary, "-cp", System.getProperty("java.class.path"),
                    ServerRunner.class.getName(), "-inMemory", "-port", Integer.toString(port), "-disableTelemetry");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("dynamodb-local.log").toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS"); // the server runs with its JVM's defaults
            Process process = builder.start();
            ChildServer server = new ChildServer(process, URI.create("http://127.0.0.1:" + port), javaBinary);
            // 42 s to listen was seen at load average 20 on 2 CPUs: 60 s left too little room.
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("DynamoDB Local exited: "
                            + Files.readString(work.resolve("dynamodb-local.log")));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return server;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        server.close();
                        throw new IllegalStateException("DynamoDB Local did not listen on " + port + " within 180 s");
                    }
                    Thread.sleep(100);
                }
            }
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }

        @Override
        public Optional<Duration> cpu() {
            return process.toHandle().info().totalCpuDuration();
        }

        @Override
        public String describe() {
            return "child JVM (pid " + process.pid() + ", " + javaBinary + ", default heap), ServerRunner -inMemory"
                    + " -disableTelemetry, " + endpoint;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** ServerRunner in this JVM, as ColdStart runs it: its heap and CPU then count with the function's. */
    static final class InProcessServer implements Server {
        private final DynamoDBProxyServer server;
        private final URI endpoint;

        private InProcessServer(DynamoDBProxyServer server, URI endpoint) {
            this.server = server;
            this.endpoint = endpoint;
        }

        static InProcessServer start() throws Exception {
            int port = freePort();
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[]{"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
            server.start();
            return new InProcessServer(server, URI.create("http://127.0.0.1:" + port));
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }

        @Override
        public Optional<Duration> cpu() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "in this JVM (its heap and CPU count with the function's), ServerRunner -inMemory -disableTelemetry, "
                    + endpoint;
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("DynamoDB Local did not stop cleanly: " + e);
            }
        }
    }
}
