package com.partnerchannel.licensing.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.config.Configuration;
import com.partnerchannel.licensing.http.Responses;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What AWS does around the non-HTTP functions, on this machine: the table's stream delivered to the
 * functions the template subscribes to it, an EventBridge endpoint (PutEvents) that routes each event
 * to the functions whose rules match, an SES v2 endpoint whose emails {@code GET /local/emails} lists
 * (kept in {@value #OUTBOX} of the data directory, if there is one), {@code POST /local/sweep}, and
 * {@code POST /local/redrive}, which invokes the outbox redrive as the on-call engineer would.
 */
public final class LocalNotices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalNotices.class);
    static final String EMAILS = "/local/emails";
    static final String SWEEP = "/local/sweep";
    static final String REDRIVE = "/local/redrive";
    /** The function the on-call engineer invokes by hand: no event source in the template. */
    static final String REDRIVE_FUNCTION = "OutboxRedriveFunction";
    /**
     * The nightly schedule's function, which {@code POST /local/sweep} runs. The template's other schedule,
     * the outbox watch, does not run here: it only writes a metric for an alarm, and nothing reads it locally.
     */
    static final String SWEEP_FUNCTION = "ExpirySweepFunction";
    static final String OUTBOX = "emails.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private record Rule(Set<String> sources, Set<String> detailTypes, LocalEventFunction<Map<String, Object>, Object> function) {
    }

    /** An email as the local SES took it. */
    public record Email(String id, Instant sentAt, String from, List<String> to, String subject, String text, String html) {
    }

    private final HttpServer aws;
    private final ExecutorService awsThreads = Executors.newCachedThreadPool(daemon("local-aws"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("local-stream"));
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String tableName;
    private final List<LocalEventFunction<DynamodbEvent, StreamsEventResponse>> streamConsumers = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private LocalEventFunction<Map<String, Object>, Object> sweep;
    private LocalEventFunction<Map<String, Object>, Object> redrive;
    private final Deque<Email> outbox = new ConcurrentLinkedDeque<>();
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private final LocalClock clock;
    private final Optional<Path> outboxFile;

    private LocalNotices(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String tableName, LocalClock clock,
                         Optional<Path> dataDir) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.tableName = tableName;
        this.clock = clock;
        this.outboxFile = dataDir.map(dir -> dir.resolve(OUTBOX));
        outboxFile.ifPresent(file -> outbox.addAll(readOutbox(file)));
        try {
            aws = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local AWS endpoint", e);
        }
        aws.setExecutor(awsThreads);
        aws.createContext("/", this::serveAws);
        aws.start();
    }

    /**
     * Starts the endpoints and builds the stream, rule and schedule functions of the template; the
     * clock must be started first, as the functions read it.
     */
    public static LocalNotices start(SamTemplate template, String tableName, URI dynamoDbEndpoint, DynamoDbClient dynamo,
                                     LocalClock clock, Optional<Path> dataDir) {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .endpointOverride(dynamoDbEndpoint).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                LocalDynamoDbServer.ACCESS_KEY, LocalDynamoDbServer.SECRET_KEY)))
                .build();
        LocalNotices notices = new LocalNotices(dynamo, streams, tableName, clock, dataDir);
        notices.build(template, dynamoDbEndpoint);
        notices.poller.scheduleWithFixedDelay(() -> {
            try {
                notices.drain();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("local stream failed");
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        return notices;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + aws.getAddress().getPort());
    }

    /** The emails sent so far, newest first. */
    public List<Email> emails() {
        drain();
        List<Email> newestFirst = new ArrayList<>();
        for (Iterator<Email> it = outbox.descendingIterator(); it.hasNext(); ) newestFirst.add(it.next());
        return newestFirst;
    }

    void addTo(LocalRoutes routes) {
        routes.add("GET", EMAILS, request -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Email email : emails()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sentAt", email.sentAt().toString());
                item.put("to", email.to());
                item.put("subject", email.subject());
                item.put("text", email.text());
                items.add(item);
            }
            return LocalGateway.of(Responses.json(200, Map.of("items", items)));
        });
        routes.add("POST", SWEEP, request -> {
            if (sweep == null) {
                return LocalGateway.of(Responses.json(404, Map.of("detail", "template.yaml declares no " + SWEEP_FUNCTION)));
            }
            Object summary = sweep.invoke(scheduledEvent());
            drain();
            return LocalGateway.of(Responses.json(200, summary));
        });
        routes.add("POST", REDRIVE, request -> {
            // Whatever the stream holds goes first, as it would in AWS by the time anyone redrives.
            if (redrive == null) {
                return LocalGateway.of(Responses.json(404, Map.of("detail", "template.yaml declares no " + REDRIVE_FUNCTION)));
            }
            drain();
            Object answer = redrive.invoke(Map.of());
            return LocalGateway.of(Responses.json(200, answer));
        });
    }

    /** Delivers every stream record written so far to the stream's functions, and what follows from them. */
    public synchronized void drain() {
        String arn = dynamo.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        if (arn == null) return;
        for (Shard shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            if (finishedShards.contains(shard.shardId())) continue;
            String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(r -> r.streamArn(arn)
                    .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current));
                deliver(page.records(), arn);
                iterator = page.nextShardIterator();
                iterators.put(shard.shardId(), iterator);
                if (page.records().isEmpty()) break;
            }
            if (iterator == null) finishedShards.add(shard.shardId());
        }
    }

    /** The template's filter (inserted EVENT# items), then the function, retried as Lambda would. */
    private void deliver(List<Record> records, String arn) {
        List<Record> events = records.stream().filter(r -> "INSERT".equals(r.eventNameAsString())
                && r.dynamodb().hasNewImage() && r.dynamodb().newImage().containsKey("SK")
                && r.dynamodb().newImage().get("SK").s().startsWith("EVENT#")).toList();
        if (events.isEmpty()) return;
        for (LocalEventFunction<DynamodbEvent, StreamsEventResponse> consumer : streamConsumers) {
            List<Record> pending = events;
            for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
                StreamsEventResponse response;
                try {
                    response = consumer.invoke(StreamRecords.event(pending, arn));
                } catch (RuntimeException e) {
                    LOG.atWarn().setCause(e).log("local stream: the publisher failed");
                    continue;
                }
                List<StreamsEventResponse.BatchItemFailure> failures = response == null ? List.of() : response.getBatchItemFailures();
                if (failures == null || failures.isEmpty()) {
                    pending = List.of();
                } else {
                    String from = failures.get(0).getItemIdentifier();
                    List<Record> rest = new ArrayList<>();
                    boolean found = false;
                    for (Record r : pending) {
                        found |= r.dynamodb().sequenceNumber().equals(from);
                        if (found) rest.add(r);
                    }
                    pending = rest;
                }
            }
            if (!pending.isEmpty()) LOG.warn("local stream: {} records to the failure queue", pending.size());
        }
    }

    private void serveAws(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String answer;
            String type = "application/json";
            int status = 200;
            if ("AWSEvents.PutEvents".equals(target)) {
                answer = putEvents(body);
                type = "application/x-amz-json-1.1";
            } else if (exchange.getRequestURI().getPath().equals("/v2/email/outbound-emails")) {
                answer = sendEmail(body);
            } else {
                status = 400;
                answer = "{\"message\":\"the local AWS endpoint answers EventBridge PutEvents and SES v2 SendEmail only\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    /** EventBridge: each entry to the functions whose rule matches, as the event EventBridge hands to Lambda. */
    private String putEvents(String body) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode entry : JSON.readTree(body).path("Entries")) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("version", "0");
            event.put("id", id);
            event.put("detail-type", entry.path("DetailType").asText());
            event.put("source", entry.path("Source").asText());
            event.put("account", "000000000000");
            event.put("time", entry.hasNonNull("Time") ? Instant.ofEpochMilli((long) (entry.path("Time").asDouble() * 1000)).toString()
                    : clock.now().toString());
            event.put("region", "us-east-1");
            event.put("resources", List.of());
            event.put("detail", JSON.readValue(entry.path("Detail").asText("{}"), Map.class));
            for (Rule rule : rules) {
                if (!rule.sources().contains(entry.path("Source").asText())
                        || !rule.detailTypes().contains(entry.path("DetailType").asText())) continue;
                invoke(rule, event);
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("EventId", id);
            results.add(result);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("FailedEntryCount", 0);
        answer.set("Entries", results);
        return JSON.writeValueAsString(answer);
    }

    private void invoke(Rule rule, Map<String, Object> event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                rule.function().invoke(event);
                return;
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("local bus: " + rule.function().logicalId() + " failed (attempt " + attempt + ")");
            }
        }
        LOG.warn("local bus: {} to the dead-letter queue of {}", event.get("detail-type"), rule.function().logicalId());
    }

    private String sendEmail(String body) throws IOException {
        JsonNode request = JSON.readTree(body);
        List<String> to = new ArrayList<>();
        request.path("Destination").path("ToAddresses").forEach(address -> to.add(address.asText()));
        JsonNode simple = request.path("Content").path("Simple");
        String id = "local-" + UUID.randomUUID();
        Email email = new Email(id, clock.now(), request.path("FromEmailAddress").asText(), to,
                simple.path("Subject").path("Data").asText(), simple.path("Body").path("Text").path("Data").asText(),
                simple.path("Body").path("Html").path("Data").asText());
        keep(email);
        return JSON.writeValueAsString(Map.of("MessageId", id));
    }

    /**
     * In the outbox, and on a line of its own in the data directory's outbox file, so a restart still
     * lists it. Not under this object's lock: {@link #drain} holds that while the email is sent.
     */
    private void keep(Email email) {
        synchronized (outbox) {
            outboxFile.ifPresent(file -> append(file, email));
            outbox.addLast(email);
        }
    }

    private static void append(Path file, Email email) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", email.id());
        line.put("sentAt", email.sentAt().toString());
        line.put("from", email.from());
        line.put("to", email.to());
        line.put("subject", email.subject());
        line.put("text", email.text());
        line.put("html", email.html());
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the email in " + file, e);
        }
    }

    private static List<Email> readOutbox(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        List<Email> emails = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode json = JSON.readTree(line);
                List<String> to = new ArrayList<>();
                json.path("to").forEach(address -> to.add(address.asText()));
                emails.add(new Email(json.path("id").asText(), Instant.parse(json.path("sentAt").asText()),
                        json.path("from").asText(), to, json.path("subject").asText(), json.path("text").asText(),
                        json.path("html").asText()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not the runner's email outbox (" + e.getMessage()
                    + "); move it away to start with an empty one");
        }
        return emails;
    }

    private Map<String, Object> scheduledEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("time", clock.now().toString());
        event.put("detail", Map.of());
        return event;
    }

    private void build(SamTemplate template, URI dynamoDbEndpoint) {
        JsonNode resources = template.json().path("Resources");
        for (SamTemplate.Function function : template.functions()) {
            if (function.logicalId().equals(REDRIVE_FUNCTION)) {
                redrive = LocalEventFunction.of(template.json(), function, instantiate(template, function, dynamoDbEndpoint));
                continue;
            }
            JsonNode events = resources.path(function.logicalId()).path("Properties").path("Events");
            List<String> kinds = new ArrayList<>();
            events.forEach(event -> kinds.add(event.path("Type").asText()));
            boolean theSweep = function.logicalId().equals(SWEEP_FUNCTION) && kinds.contains("Schedule");
            if (!kinds.contains("DynamoDB") && !kinds.contains("EventBridgeRule") && !theSweep) continue;
            Object handler = instantiate(template, function, dynamoDbEndpoint);
            JsonNode json = template.json();
            for (JsonNode event : events) {
                switch (event.path("Type").asText()) {
                    case "DynamoDB" -> streamConsumers.add(LocalEventFunction.of(json, function, handler));
                    case "Schedule" -> {
                        if (theSweep) sweep = LocalEventFunction.of(json, function, handler);
                    }
                    case "EventBridgeRule" -> {
                        JsonNode pattern = event.path("Properties").path("Pattern");
                        Set<String> sources = new HashSet<>();
                        pattern.path("source").forEach(s -> sources.add(s.asText()));
                        Set<String> types = new HashSet<>();
                        pattern.path("detail-type").forEach(t -> types.add(t.asText()));
                        rules.add(new Rule(sources, types, LocalEventFunction.of(json, function, handler)));
                    }
                    default -> {
                    }
                }
            }
        }
    }

    /**
     * Built around its template environment resolved for here (the table, parameters by their defaults,
     * EventBridge and SES at this endpoint) and the runner's clock ({@link LocalWiring}).
     */
    private Object instantiate(SamTemplate template, SamTemplate.Function function, URI dynamoDbEndpoint) {
        Map<String, String> environment = new LinkedHashMap<>(
                LocalFunctions.environment(template.json(), function, tableName, dynamoDbEndpoint));
        JsonNode parameters = template.json().path("Parameters");
        environment.replaceAll((name, value) -> parameters.has(value)
                ? parameters.path(value).path("Default").asText(LOCAL_PARAMETERS.getOrDefault(value, value)) : value);
        environment.put(Configuration.EVENTBRIDGE_ENDPOINT, endpoint().toString());
        environment.put(Configuration.SES_ENDPOINT, endpoint().toString());
        LocalFunctions.useLocalAccount();
        return LocalWiring.handler(function, environment, clock.clock());
    }

    /** Parameters without a default, as they are here. */
    private static final Map<String, String> LOCAL_PARAMETERS = Map.of("SenderEmail", "licences@partnerchannel.local");

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        poller.shutdownNow();
        streams.close();
        aws.stop(0);
        awsThreads.shutdownNow();
    }
}
