package com.partnerchannel.licensing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.functions.renewal.RenewalImportConfirmHandler;
import com.partnerchannel.licensing.functions.renewal.RenewalImportReanalysisHandler;
import com.partnerchannel.licensing.renewal.model.RenewalImportAnalysisRequested;
import com.partnerchannel.licensing.renewal.model.RenewalImportConfirmRequested;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.testing.BusEvents;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.MutableClock;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static com.partnerchannel.licensing.bench.HeapWatch.Figures.mb;
import static com.partnerchannel.licensing.bench.Report.f0;
import static com.partnerchannel.licensing.bench.Report.f1;
import static com.partnerchannel.licensing.bench.Report.load;
import static com.partnerchannel.licensing.bench.Report.sizes;

/**
 * A CSV renewal import of a 100,000-row file against DynamoDB Local and S3Proxy: the analysis (wall time,
 * heap, process memory, requests) in a child JVM with the heap limit of the analysis function, then the
 * confirm (wall time, DynamoDB requests per renewed learner) through the API in this JVM.
 *
 * <p>Set-up, all through the real handlers ({@link InProcessApi} with {@link Renewals} over S3Proxy on
 * loopback and DynamoDB Local, a loopback server in a child JVM, so that the analysis child reaches both): a partner, a
 * premium customer and an order, {@code --learners} learners added by {@code POST …/learners} in
 * requests of {@code --batch}; 13 months later they are all expired, and a new order covers them; then
 * {@code --active} more learners are added, who are active. The clock starts 13 months before the real
 * time and ends at it, because the analysis child reads the system clock as the function does.
 *
 * <p>The file: {@code --rows} data rows under {@code First name,Last name,Email,Department}, shuffled with a
 * fixed seed: {@code --unknown} emails of nobody, {@code --duplicates} repeated emails (another case or
 * spacing), the {@code --active} learners' emails, {@code --invalid} rows half with an empty email cell and
 * half with something that is not an email, and every other row a distinct expired learner (some in upper
 * or mixed case, some padded with spaces). It is PUT to the import's pre-signed URL over HTTP.
 *
 * <p>Analysis: for each heap limit of {@code --xmx} (default {@code 512m,256m}), a new import, the file
 * PUT again, and {@link RenewalImportAnalysisRun} in a fresh JVM: {@code java -Xmx… -XX:+UseSerialGC}
 * (what the JVM picks by itself in a container under 1,792 MB) with template.yaml's environment of the
 * analysis function and its {@code JAVA_TOOL_OPTIONS}. Every analysis that completes is checked row reason
 * by row reason against the file; one that runs out of heap is reported as such.
 *
 * <p>Analysis again: {@code POST …/renewal-imports/{id}/analyse} of the first analysed import with its own
 * email column (answered 202: the file is over 1 MiB), then the analysis worker on the outbox event, in
 * this JVM; the new analysis is checked.
 *
 * <p>Confirm: {@code POST …/renewal-imports/{id}/confirm} of the first analysed import in this JVM (it
 * answers 202 above 3,000 learners) and then the confirm worker on the outbox event it wrote, with
 * the DynamoDB and S3 requests counted ({@link RequestCounter}) and the heap watched ({@link HeapWatch});
 * then the renewed learners and the seats are checked. Prints Markdown; fails when a count is not what
 * the file says. Asserts nothing about time.
 *
 * <p>Usage: {@code RenewalImportBenchmark [--learners 90000] [--rows 100000] [--unknown 10000]
 * [--duplicates 300] [--active 100] [--invalid 100] [--batch 10000] [--xmx 512m,256m] [--java <binary>]
 * [--keep-csv <file>] [--s3-idle-timeout 30] [--compare <file>] [--analysis-only]}.
 *
 * <p>{@code --analysis-only}: the analyses, then neither the analysis again nor the confirm (the set-up of a
 * 100,000-row run takes a quarter of an hour or more on a loaded machine; this saves the rest for the analyses).
 *
 * <p>{@code --compare}: a file holding the class path of another build (another commit's
 * {@code benchmarks/target/classes} and {@code classpath-test.txt}, with its own modules' classes): before each
 * analysis of this build, the same analysis runs in a child on that class path, against the same data on the
 * same servers, so that before and after are measured under the same machine state. Columns headed
 * {@code compared} are that build's. Several files, comma-separated, run one after another in that order, each
 * column headed with its file's name.
 *
 * <p>{@code --s3-idle-timeout}: seconds before S3Proxy's Jetty closes an idle connection; the default is
 * S3Proxy's own, 30. Before the analysis read a local copy of the upload, 30 s broke the analysis of a large
 * file here: its second pass read the GET slowly for longer than that, and the url-connection client then
 * reused the closed connection for the results' PutObject (see docs/benchmarks.md).
 */
public final class RenewalImportBenchmark {
    private static final String BUCKET = "renewal-uploads";
    private static final String TABLE = "licensing-renewal-bench";
    private static final String REGION = "us-east-1";
    private static final String LABEL = "renewal";
    private static final String DOMAIN = LABEL + ".customer.example";
    /**
     * One dummy key for both servers, as the function has one set of credentials for both clients: DynamoDB
     * Local keeps a database per access key (without {@code -sharedDb}) and takes only letters and digits, so
     * {@link com.partnerchannel.licensing.testing.LocalS3}'s {@code local-access-key} will not do.
     */
    private static final String ACCESS_KEY = BulkAllocation.Server.ACCESS_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> REASONS = List.of("unknown_email", "already_active", "duplicate", "not_an_email", "empty");

    private RenewalImportBenchmark() {
    }

    record Options(int learners, int rows, int unknown, int duplicates, int active, int invalid, int batch,
                   List<String> xmx, String java, Optional<Path> keepCsv, int s3IdleSeconds, List<Path> compare,
                   boolean analysisOnly) {
        int known() {
            return rows - unknown - duplicates - active - invalid;
        }

        static Options parse(String[] args) {
            int learners = 90_000;
            int rows = 100_000;
            int unknown = 10_000;
            int duplicates = 300;
            int active = 100;
            int invalid = 100;
            int batch = 10_000;
            List<String> xmx = List.of("512m", "256m");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Optional<Path> keepCsv = Optional.empty();
            int s3IdleSeconds = 30;
            List<Path> compare = List.of();
            boolean analysisOnly = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--analysis-only")) {
                    analysisOnly = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(option + " needs a value; " + USAGE);
                String value = args[++i];
                switch (option) {
                    case "--learners" -> learners = Integer.parseInt(value);
                    case "--rows" -> rows = Integer.parseInt(value);
                    case "--unknown" -> unknown = Integer.parseInt(value);
                    case "--duplicates" -> duplicates = Integer.parseInt(value);
                    case "--active" -> active = Integer.parseInt(value);
                    case "--invalid" -> invalid = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--xmx" -> xmx = List.of(value.split(","));
                    case "--java" -> java = value;
                    case "--keep-csv" -> keepCsv = Optional.of(Path.of(value));
                    case "--s3-idle-timeout" -> s3IdleSeconds = Integer.parseInt(value);
                    case "--compare" -> compare = List.of(value.split(",")).stream().map(Path::of).toList();
                    default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
                }
            }
            Options options = new Options(learners, rows, unknown, duplicates, active, invalid, batch, xmx, java, keepCsv,
                    s3IdleSeconds, compare, analysisOnly);
            if (options.known() <= 0 || options.known() > learners) {
                throw new IllegalArgumentException("the file's rows of expired learners (" + options.known()
                        + " = rows − unknown − duplicates − active − invalid) must be between 1 and --learners");
            }
            if (duplicates > 0 && options.known() == 0) throw new IllegalArgumentException("duplicates need known rows");
            return options;
        }

        private static final String USAGE = "usage: RenewalImportBenchmark [--learners 90000] [--rows 100000]"
                + " [--unknown 10000] [--duplicates 300] [--active 100] [--invalid 100] [--batch 10000]"
                + " [--xmx 512m,256m] [--java <binary>] [--keep-csv <file>] [--s3-idle-timeout 30]"
                + " [--compare <file holding another build's class path>[,<another>…]] [--analysis-only]";
    }

    /** What the analysis child printed, and the import it analysed. */
    record AnalysisRun(String label, String xmx, String importId, int exit, Map<String, String> result,
                       Map<String, long[]> requests, Optional<String> problem, long dynamoCpuMillis,
                       String loadBefore, String loadAfter) {
        boolean analysed() {
            return exit == 0 && problem.isEmpty();
        }

        long number(String name) {
            return Long.parseLong(result.getOrDefault(name, "-1"));
        }
    }

    public static void main(String[] args) {
        try {
            System.exit(run(Options.parse(args)));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // S3Proxy's and the HTTP client's threads would keep the JVM alive otherwise
        }
    }

    private static int run(Options options) throws Exception {
        Path work = Files.createTempDirectory("renewal-import-bench-");
        RequestCounter dynamoCounter = new RequestCounter(false);
        RequestCounter s3Counter = new RequestCounter(false);
        HeapWatch heap = new HeapWatch();
        int exit = 0;
        try (LocalS3 s3Server = LocalS3.start(Duration.ofSeconds(options.s3IdleSeconds()), ACCESS_KEY, ACCESS_KEY);
             BulkAllocation.ChildServer dynamoServer = BulkAllocation.ChildServer.start(work)) {
            DynamoDbClient dynamo = dynamoServer.client(dynamoCounter);
            S3Client s3 = s3Server.client();
            s3.createBucket(r -> r.bucket(BUCKET));
            dynamo.createTable(TemplateTable.createTableRequest(TABLE));

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant start = now.atZone(ZoneOffset.UTC).minusMonths(13).toInstant();
            MutableClock clock = new MutableClock(start);
            Licensing licensing = new Licensing(dynamo, TABLE, clock);
            Renewals renewals = new Renewals(licensing, new S3Uploads(com.partnerchannel.licensing.aws.AwsCalls.builder(com.partnerchannel.licensing.aws.AwsCalls.Service.S3)
                    .endpoint(s3Server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentials(s3Server.credentials())
                    .http(s3Counter.s3Http().around(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))
                    .build(), BUCKET));
            InProcessApi api = new InProcessApi(licensing, renewals);

            printSetup(options, dynamoServer, s3Server);
            BulkAllocation.Tenant tenant = seed(api, clock, options);
            Csv csv = Csv.build(options);
            Path csvFile = options.keepCsv().orElse(work.resolve("renewal-" + options.rows() + ".csv"));
            Files.write(csvFile, csv.bytes());
            System.out.printf(Locale.ROOT, "- file: %,d data rows + header, %,d bytes (%.1f MB), UTF-8, CRLF: %s%n",
                    options.rows(), csv.bytes().length, csv.bytes().length / 1048576.0, csv.describe());
            System.out.println();

            Map<String, String> environment = childEnvironment(dynamoServer.endpoint(), s3Server.endpoint());
            Path interceptors = globalInterceptors(work);
            List<AnalysisRun> runs = new ArrayList<>();
            String classPath = System.getProperty("java.class.path");
            Map<String, String> compared = new java.util.LinkedHashMap<>();
            for (Path file : options.compare()) {
                String label = options.compare().size() == 1 ? "compared " : file.getFileName().toString().replaceFirst("\\.txt$", "") + " ";
                compared.put(label, Files.readString(file).trim());
            }
            for (String xmx : options.xmx()) {
                // The other build first, on the same data and machine state, then this one.
                for (Map.Entry<String, String> other : compared.entrySet()) {
                    runs.add(analyse(tenant, s3, csv, other.getKey(), xmx, other.getValue(), options, environment, interceptors,
                            work, dynamoServer));
                }
                runs.add(analyse(tenant, s3, csv, "", xmx, classPath, options, environment, interceptors, work, dynamoServer));
            }
            printAnalyses(runs, options, environment);

            AnalysisRun first = runs.stream().filter(run -> run.label().isEmpty()).filter(AnalysisRun::analysed).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no analysis completed: nothing to confirm"));
            if (!options.analysisOnly()) {
                reanalyse(tenant, first, csv, dynamoCounter, renewals, dynamo);
                confirm(tenant, first, options, csv, dynamoCounter, s3Counter, heap, dynamoServer, renewals, dynamo);
            }
            if (runs.stream().anyMatch(run -> !run.analysed() && run.problem().map(p -> !p.startsWith("ran out")).orElse(true))) {
                exit = 1;
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return exit;
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up


    private static BulkAllocation.Tenant seed(InProcessApi api, MutableClock clock, Options options) {
        long started = System.nanoTime();
        BulkAllocation.Tenant tenant = BulkAllocation.Tenant.create(api, LABEL, options.learners() + 1); // + the manager
        int requests = 0;
        for (int from = 1; from <= options.learners(); from += options.batch()) {
            int count = Math.min(options.batch(), options.learners() - from + 1);
            long batchStarted = System.nanoTime();
            InProcessApi.Response added = tenant.post("/learners", learnersBody("learner", from, count), Optional.empty());
            requests++;
            if (added.status() != 201 || added.json().path("summary").path("licensed").asInt() != count) {
                throw new IllegalStateException("seeding: adding learners " + from + "… answered " + shorten(added));
            }
            System.err.printf(Locale.ROOT, "seeding: %,d learners added (%.0f s for the last %,d)%n", from + count - 1,
                    (System.nanoTime() - batchStarted) / 1e9, count);
        }
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS)); // the analysis child reads the system clock
        int seats = options.learners() + options.active();
        tenant.assign(seats);
        if (options.active() > 0) {
            InProcessApi.Response added = tenant.post("/learners", learnersBody("active", 1, options.active()), Optional.empty());
            requests++;
            if (added.status() != 201 || added.json().path("summary").path("licensed").asInt() != options.active()) {
                throw new IllegalStateException("seeding: adding the active learners answered " + shorten(added));
            }
        }
        JsonNode counts = tenant.licences().path("counts");
        int expired = options.learners() + 1;
        if (counts.path("expired").asInt() != expired || counts.path("active").asInt() != options.active()
                || counts.path("availableSeats").asInt() != options.learners()) {
            throw new IllegalStateException("seeding: expected " + expired + " expired, " + options.active()
                    + " active and " + options.learners() + " free seats: " + counts);
        }
        System.out.printf(Locale.ROOT, "- set-up: %,d learners added through POST /learners in %d requests of up to %,d,"
                        + " %,d expired (the learners and the manager) after 13 months, a new order of %,d seats"
                        + " assigned, %,d more learners added and active; %,d free seats; %.0f s%n",
                options.learners(), requests - (options.active() > 0 ? 1 : 0), options.batch(), expired, seats,
                options.active(), options.learners(), (System.nanoTime() - started) / 1e9);
        return tenant;
    }

    private static String email(String kind, int i) {
        return String.format(Locale.ROOT, "%s%05d@%s", kind, i, DOMAIN);
    }

    private static String learnersBody(String kind, int from, int count) {
        List<Map<String, String>> rows = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            rows.add(Map.of("email", email(kind, i), "firstName", "Learner",
                    "lastName", String.format(Locale.ROOT, "Number %05d", i), "role", "learner"));
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

    /** The uploaded file, and what each of its rows should be found to be. */
    record Csv(byte[] bytes, Map<String, Integer> expected, int toRenew, int mixedCase, int padded) {
        static Csv build(Options o) {
            Random random = new Random(42);
            List<String[]> rows = new ArrayList<>(o.rows());
            String[] departments = {"Sales", "Support", "Engineering", "Finance", "Customer Success", "Operations"};
            int[] variants = new int[3];
            for (int i = 1; i <= o.known(); i++) {
                String last = String.format(Locale.ROOT, "Number %05d", i) + (i % 1000 == 0 ? ", Jr." : "");
                rows.add(new String[]{"Learner", last, variant(email("learner", i), random, variants),
                        departments[random.nextInt(departments.length)]});
            }
            for (int i = 1; i <= o.duplicates(); i++) {
                int of = 1 + random.nextInt(o.known());
                rows.add(new String[]{"Learner", String.format(Locale.ROOT, "Number %05d", of),
                        variant(email("learner", of), random, variants), "Duplicates"});
            }
            for (int i = 1; i <= o.unknown(); i++) {
                rows.add(new String[]{"Former", String.format(Locale.ROOT, "Staff %05d", i),
                        variant(email("former", i), random, variants), departments[random.nextInt(departments.length)]});
            }
            for (int i = 1; i <= o.active(); i++) {
                rows.add(new String[]{"Active", String.format(Locale.ROOT, "Learner %05d", i), email("active", i), "Sales"});
            }
            int empty = o.invalid() / 2;
            String[] notEmails = {"n/a", "see HR", "jo.smith(at)example.com", "=HYPERLINK(\"http://x\")", "left",
                    "@" + DOMAIN, "jo@"};
            for (int i = 1; i <= o.invalid(); i++) {
                rows.add(new String[]{"Nobody", String.format(Locale.ROOT, "Row %03d", i),
                        i <= empty ? "" : notEmails[i % notEmails.length], "Operations"});
            }
            Collections.shuffle(rows, random);
            StringBuilder text = new StringBuilder(o.rows() * 72);
            text.append("First name,Last name,Email,Department\r\n");
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) text.append(',');
                    text.append(field(row[c]));
                }
                text.append("\r\n");
            }
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("unknown_email", o.unknown());
            expected.put("already_active", o.active());
            expected.put("duplicate", o.duplicates());
            expected.put("not_an_email", o.invalid() - empty);
            expected.put("empty", empty);
            return new Csv(text.toString().getBytes(StandardCharsets.UTF_8), expected, o.known(), variants[0] + variants[1],
                    variants[2]);
        }

        /** Most emails as they are; one in ten upper case, one in ten capitalised, one in ten padded with spaces. */
        private static String variant(String email, Random random, int[] counted) {
            return switch (random.nextInt(10)) {
                case 0 -> {
                    counted[0]++;
                    yield email.toUpperCase(Locale.ROOT);
                }
                case 1 -> {
                    counted[1]++;
                    yield Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@') + 1)
                            + Character.toUpperCase(email.charAt(email.indexOf('@') + 1)) + email.substring(email.indexOf('@') + 2);
                }
                case 2 -> {
                    counted[2]++;
                    yield "  " + email + " ";
                }
                default -> email;
            };
        }

        private static String field(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) return value;
            return '"' + value.replace("\"", "\"\"") + '"';
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%,d distinct expired learners", toRenew));
            expected.forEach((reason, count) -> text.append(String.format(Locale.ROOT, ", %,d %s", count, reason)));
            text.append(String.format(Locale.ROOT, "; %,d emails in upper or mixed case and %,d padded with spaces",
                    mixedCase, padded));
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Analysis, in a child JVM

    /** template.yaml's environment of the analysis function, pointed at this run's table, bucket and endpoints. */
    private static Map<String, String> childEnvironment(URI dynamoEndpoint, URI s3Endpoint) {
        SamTemplate.Function function = SamTemplate.load().functions().stream()
                .filter(f -> f.logicalId().equals("RenewalImportAnalysisFunction")).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no RenewalImportAnalysisFunction"));
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("TABLE_NAME", TABLE);
        environment.put("UPLOAD_BUCKET", BUCKET);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString());
        environment.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", ACCESS_KEY);
        return environment;
    }

    /** A class path entry that registers {@link RenewalImportAnalysisRun.Tally} with every SDK client of the child. */
    private static Path globalInterceptors(Path work) throws IOException {
        Path root = work.resolve("interceptors");
        Path file = root.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(file.getParent());
        Files.writeString(file, RenewalImportAnalysisRun.Tally.class.getName() + "\n");
        return root;
    }

    private static AnalysisRun analyse(BulkAllocation.Tenant tenant, S3Client s3, Csv csv, String label, String xmx,
                                       String classPath, Options options,
                                       Map<String, String> environment, Path interceptors, Path work,
                                       BulkAllocation.ChildServer dynamoServer) throws Exception {
        JsonNode started = expect(tenant.post("/renewal-imports", "{}", Optional.empty()), 201, "starting an import").json();
        String importId = started.path("importId").asText();
        String key = "uploads/" + tenant.companyId() + "/" + importId + ".csv";
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(started.path("uploadUrl").asText()))
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofByteArray(csv.bytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) throw new IllegalStateException("PUT to the pre-signed URL answered " + put.statusCode());
        HeadObjectResponse head = s3.headObject(r -> r.bucket(BUCKET).key(key));

        List<String> command = List.of(options.java(), "-Xmx" + xmx, "-XX:+UseSerialGC",
                "-cp", interceptors + File.pathSeparator + classPath,
                RenewalImportAnalysisRun.class.getName(), BUCKET, key, head.eTag().replace("\"", ""),
                Long.toString(head.contentLength()));
        Path out = work.resolve("analysis-" + label.trim() + xmx + ".out");
        Path err = work.resolve("analysis-" + label.trim() + xmx + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        String loadBefore = load();
        long cpuBefore = dynamoServer.cpu().map(Duration::toMillis).orElse(0L);
        System.err.println(label + "analysis at -Xmx" + xmx + ": running");
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the analysis at -Xmx" + xmx + " did not end within 20 minutes");
        }
        long dynamoCpu = dynamoServer.cpu().map(Duration::toMillis).orElse(0L) - cpuBefore;
        String loadAfter = load();
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, long[]> requests = new TreeMap<>();
        for (String line : Files.readAllLines(out)) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String name = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (name.startsWith("result.")) result.put(name.substring("result.".length()), value);
            if (name.startsWith("request.")) {
                String[] parts = value.split(",");
                long[] counts = new long[parts.length];
                for (int i = 0; i < parts.length; i++) counts[i] = Long.parseLong(parts[i]);
                requests.put(name.substring("request.".length()), counts);
            }
        }
        int exit = process.exitValue();
        Optional<String> problem = Optional.empty();
        String outcome = result.getOrDefault("outcome", "");
        String stderr = Files.readString(err);
        if (exit != 0 || !outcome.endsWith(": analysed")) {
            boolean oom = outcome.contains("OutOfMemoryError") || stderr.contains("OutOfMemoryError");
            problem = Optional.of(oom ? "ran out of heap (" + outcome + ")" : "exit " + exit + ", outcome '" + outcome
                    + "', stderr: " + stderr.substring(Math.max(0, stderr.length() - 2000)));
        } else {
            problem = check(tenant, importId, csv, options);
        }
        System.err.println(label + "analysis at -Xmx" + xmx + ": " + problem.orElse("analysed in "
                + result.get("wallMillis") + " ms, checked"));
        return new AnalysisRun(label, xmx, importId, exit, result, requests, problem, dynamoCpu, loadBefore, loadAfter);
    }

    /** The import as the API shows it, against what the file holds. */
    private static Optional<String> check(BulkAllocation.Tenant tenant, String importId, Csv csv, Options options) {
        JsonNode view = expect(tenant.api().get(tenant.manager(), "/companies/" + tenant.companyId()
                + "/renewal-imports/" + importId), 200, "reading the import").json();
        List<String> wrong = new ArrayList<>();
        if (!view.path("status").asText().equals("analysed")) wrong.add("status " + view.path("status").asText());
        if (!view.path("emailColumn").asText().equals("Email")) wrong.add("email column " + view.path("emailColumn"));
        if (view.path("dataRows").asInt() != options.rows()) wrong.add("dataRows " + view.path("dataRows").asInt());
        if (view.path("toRenew").path("count").asInt() != csv.toRenew()) {
            wrong.add("toRenew " + view.path("toRenew").path("count").asInt() + " (expected " + csv.toRenew() + ")");
        }
        JsonNode byReason = view.path("notRenewed").path("byReason");
        for (String reason : REASONS) {
            int expected = csv.expected().getOrDefault(reason, 0);
            if (byReason.path(reason).asInt(0) != expected) {
                wrong.add(reason + " " + byReason.path(reason).asInt(0) + " (expected " + expected + ")");
            }
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of("analysed, but wrong: " + String.join(", ", wrong) + ": " + byReason);
    }

    // ---------------------------------------------------------------------------------------------
    // Analysis again (the manager picks the column), in this JVM

    /**
     * {@code POST …/analyse} with the file's own email column: answered 202 (the file is over 1 MiB), then
     * the analysis worker on the outbox event; or, for a smaller file, answered 200, analysed at once. The new
     * analysis must count what the file says.
     */
    private static void reanalyse(BulkAllocation.Tenant tenant, AnalysisRun analysed, Csv csv, RequestCounter dynamoCounter,
                                  Renewals renewals, DynamoDbClient dynamo) {
        System.err.println("analysis again: running");
        String loadBefore = load();
        dynamoCounter.reset();
        long started = System.nanoTime();
        InProcessApi.Response response = tenant.post("/renewal-imports/" + analysed.importId() + "/analyse",
                "{\"emailColumn\":\"Email\"}", Optional.empty());
        long accepted = System.nanoTime() - started;
        long acceptRequests = dynamoCounter.snapshot().values().stream().mapToLong(op -> op.calls).sum();
        if (response.status() != 202 && response.status() != 200) {
            throw new IllegalStateException("the analyse answered " + shorten(response));
        }
        long workerStarted = System.nanoTime();
        if (response.status() == 202) {
            new RenewalImportReanalysisHandler(renewals).handleRequest(busEvent(dynamo, tenant.companyId(),
                    analysed.importId(), RenewalImportAnalysisRequested.TYPE), null);
        }
        long worker = System.nanoTime() - workerStarted;
        long workerRequests = dynamoCounter.snapshot().values().stream().mapToLong(op -> op.calls).sum() - acceptRequests;
        JsonNode after = tenant.get("/renewal-imports/" + analysed.importId()).json();
        if (!after.path("status").asText().equals("analysed") || after.path("toRenew").path("count").asInt() != csv.toRenew()) {
            throw new IllegalStateException("after the analysis worker: " + after.path("status") + ", toRenew "
                    + after.path("toRenew").path("count") + " (expected " + csv.toRenew() + ")");
        }
        System.err.println("analysis again: " + worker / 1_000_000 + " ms in the worker, checked");
        System.out.println();
        System.out.println("## Analysis again (this JVM, POST …/renewal-imports/{id}/analyse with emailColumn Email)");
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| POST /analyse answered %d in, s (DynamoDB requests) | %.2f (%,d) |%n",
                response.status(), accepted / 1e9, acceptRequests);
        if (response.status() == 202) {
            System.out.printf(Locale.ROOT, "| the analysis worker, wall time, s (DynamoDB requests) | %.1f (%,d) |%n",
                    worker / 1e9, workerRequests);
        }
        System.out.printf(Locale.ROOT, "| checked | analysed, %,d to renew |%n", csv.toRenew());
        System.out.printf(Locale.ROOT, "| load average before → after | %s → %s |%n", loadBefore, load());
    }

    // ---------------------------------------------------------------------------------------------
    // Confirm, in this JVM

    private static void confirm(BulkAllocation.Tenant tenant, AnalysisRun analysed, Options options, Csv csv,
                                RequestCounter dynamoCounter, RequestCounter s3Counter, HeapWatch heap,
                                BulkAllocation.ChildServer dynamoServer, Renewals renewals, DynamoDbClient dynamo) {
        // The confirm names the analysis it confirms: the one the import shows (read before the measurement).
        String analysisId = tenant.get("/renewal-imports/" + analysed.importId()).json().path("analysisId").asText();
        String loadBefore = load();
        long cpuBefore = dynamoServer.cpu().map(Duration::toMillis).orElse(0L);
        System.err.println("confirm: running");
        heap.start();
        dynamoCounter.reset();
        s3Counter.reset();
        long started = System.nanoTime();
        InProcessApi.Response response = tenant.post("/renewal-imports/" + analysed.importId() + "/confirm",
                "{\"analysisId\":\"" + analysisId + "\"}", Optional.empty());
        long accepted = System.nanoTime() - started;
        long acceptRequests = dynamoCounter.snapshot().values().stream().mapToLong(op -> op.calls).sum();
        if (response.status() == 202) {
            // Too large to answer at once: the confirm worker renews, on the outbox event, as the bus would run it.
            Map<String, Object> event = busEvent(dynamo, tenant.companyId(), analysed.importId(),
                    RenewalImportConfirmRequested.TYPE);
            new RenewalImportConfirmHandler(renewals).handleRequest(event, null);
            response = tenant.get("/renewal-imports/" + analysed.importId());
        }
        long wall = System.nanoTime() - started;
        Map<String, RequestCounter.Operation> dynamoOps = dynamoCounter.snapshot();
        Map<String, RequestCounter.Operation> s3Ops = s3Counter.snapshot();
        List<String> failures = dynamoCounter.failures();
        HeapWatch.Figures figures = heap.stop();
        long dynamoCpu = dynamoServer.cpu().map(Duration::toMillis).orElse(0L) - cpuBefore;
        String loadAfter = load();
        if (response.status() != 200) throw new IllegalStateException("the confirm answered " + shorten(response));
        JsonNode result = response.json().path("result");
        int renewed = result.path("renewed").asInt();
        JsonNode licences = tenant.licences();
        JsonNode counts = licences.path("counts");
        int expectedActive = csv.toRenew() + options.active();
        int expectedExpired = options.learners() + 1 - csv.toRenew();
        if (renewed != csv.toRenew() || result.path("skipped").asInt() != 0 || counts.path("active").asInt() != expectedActive
                || counts.path("expired").asInt() != expectedExpired) {
            throw new IllegalStateException("after the confirm: renewed " + renewed + " (expected " + csv.toRenew()
                    + "), " + counts + " (expected " + expectedActive + " active, " + expectedExpired + " expired): " + result);
        }
        System.err.println("confirm: " + renewed + " renewed in " + wall / 1_000_000 + " ms, checked");

        System.out.println();
        System.out.println("## Confirm (this JVM, POST …/renewal-imports/{id}/confirm of the -Xmx" + analysed.xmx()
                + " analysis)");
        System.out.println();
        System.out.printf(Locale.ROOT, "- checked: renewed %,d (the file's distinct expired learners), skipped 0; now %,d active"
                        + " and %,d expired (the manager and the learners the file left out)%n",
                renewed, counts.path("active").asInt(), counts.path("expired").asInt());
        long requests = dynamoOps.values().stream().mapToLong(op -> op.calls).sum();
        long attempts = dynamoOps.values().stream().mapToLong(op -> op.attempts).sum();
        long inside = dynamoOps.values().stream().mapToLong(op -> op.nanos).sum();
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| wall time, s (POST /confirm answered in; then the confirm worker) | %.1f (%.1f s, %,d requests) |%n",
                wall / 1e9, accepted / 1e9, acceptRequests);
        System.out.printf(Locale.ROOT, "| learners renewed per second | %,.0f |%n", renewed / (wall / 1e9));
        System.out.printf(Locale.ROOT, "| time inside DynamoDB calls, summed over threads, s (share of the wall time) | %.1f (%.0f %%) |%n", inside / 1e9,
                100.0 * inside / wall);
        System.out.printf(Locale.ROOT, "| DynamoDB requests (HTTP attempts) | %,d (%,d) |%n", requests, attempts);
        System.out.printf(Locale.ROOT, "| DynamoDB requests per renewed learner | %.4f |%n", (double) requests / renewed);
        System.out.printf(Locale.ROOT, "| DynamoDB errors | %s |%n", failures.isEmpty() ? "0" : failures.size() + ": " + failures.get(0));
        RequestCounter.Operation tx = dynamoOps.get("TransactWriteItems");
        if (tx != null) {
            System.out.printf(Locale.ROOT, "| items per TransactWriteItems (count) | %s |%n", sizes(tx));
            System.out.printf(Locale.ROOT, "| write units of the transactions, estimated from the items (2 per started KB"
                            + " of each item, 1 per index entry it writes), per renewed learner | %.3f (%,.0f) |%n",
                    tx.estimatedWriteUnits / renewed, tx.estimatedWriteUnits);
            System.out.printf(Locale.ROOT, "| … items put, by kind: count (average, largest B) | %s |%n", String.join(", ",
                    tx.puts.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d (%d, %d)", e.getKey(),
                            e.getValue().count, e.getValue().bytes / Math.max(1, e.getValue().count),
                            e.getValue().maxBytes)).toList()));
            System.out.printf(Locale.ROOT, "| … put / update / delete / condition check | %,d / %,d / %,d / %,d |%n",
                    tx.putCount, tx.updates, tx.deletes, tx.checks);
        }
        System.out.printf(Locale.ROOT, "| S3 requests | %s |%n", s3Ops.isEmpty() ? "none" : String.join(", ",
                s3Ops.values().stream().map(op -> op.name + " " + op.calls + " (" + mb(op.bytesReceived) + " MB received)").toList()));
        System.out.printf(Locale.ROOT, "| CPU of this JVM (GC, JIT included) / of DynamoDB Local, s | %.1f / %.1f |%n",
                figures.processCpuNanos() / 1e9, dynamoCpu / 1e3);
        System.out.printf(Locale.ROOT, "| allocated by the calling thread, MB | %s |%n", HeapWatch.Figures.mb(figures.allocatedBytes()));
        System.out.printf(Locale.ROOT, "| heap before / largest after a GC during the call, MB | %s / %s |%n",
                HeapWatch.Figures.mb(figures.usedBeforeBytes()),
                figures.collections() == 0 ? "no GC" : HeapWatch.Figures.mb(figures.maxAfterGcBytes()));
        System.out.printf(Locale.ROOT, "| collections (time, ms) | %d (%d) |%n", figures.collections(), figures.collectionMillis());
        System.out.printf(Locale.ROOT, "| load average before → after | %s → %s |%n", loadBefore, loadAfter);
        System.out.println();
        System.out.println("| DynamoDB operation | requests | per renewed learner | items or keys | ms inside |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (RequestCounter.Operation op : dynamoOps.values()) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.4f | %,d | %,.0f |%n", op.name, op.calls,
                    (double) op.calls / renewed, op.items, op.nanos / 1e6);
        }
        System.out.printf(Locale.ROOT, "| **all** | **%,d** | **%.4f** | | **%,.0f** |%n", requests,
                (double) requests / renewed, inside / 1e6);
        System.out.println();
        System.out.println("Heap of this JVM: " + figures.collectorNames() + ", max " + HeapWatch.Figures.mb(figures.maxHeapBytes())
                + " MB (the confirm runs in the renewal-imports function, MemorySize 1024).");
    }

    /** The outbox item of this type the request wrote, as the bus rule hands it to the worker. */
    private static Map<String, Object> busEvent(DynamoDbClient dynamo, String companyId, String importId, String type) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(TABLE).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :events)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("C#" + companyId),
                        ":events", AttributeValue.fromS("EVENT#")))).items().forEach(items::add);
        return BusEvents.of(items, type).stream()
                .filter(event -> importId.equals(((Map<?, ?>) event.get("detail")).get("importId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("the request answered 202 but wrote no " + type));
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    private static void printSetup(Options options, BulkAllocation.ChildServer dynamo, LocalS3 s3) {
        System.out.println("# CSV renewal import against DynamoDB Local and S3Proxy");
        System.out.println();
        System.out.println("- java (this JVM): " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
                + HeapWatch.Figures.mb(Runtime.getRuntime().maxMemory()) + " MB, JVM options "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("- DynamoDB Local: " + dynamo.describe());
        System.out.println("- S3: S3Proxy in this JVM, transient store, signatures checked, " + s3.endpoint()
                + ", connections closed after " + options.s3IdleSeconds() + " s idle");
        System.out.println("- analysis child java: " + options.java());
        System.out.println();
    }

    private static void printAnalyses(List<AnalysisRun> runs, Options options, Map<String, String> environment) {
        System.out.println();
        System.out.println("## Analysis (a child JVM per heap limit: the analysis function's handler, one S3 event)");
        System.out.println();
        Map<String, String> shown = new LinkedHashMap<>(environment);
        shown.remove("AWS_SECRET_ACCESS_KEY");
        System.out.println("- child: `java -Xmx<limit> -XX:+UseSerialGC -cp <interceptor registration>:<this class path> "
                + RenewalImportAnalysisRun.class.getSimpleName() + " <bucket> <key> <etag> <size>`, environment " + shown
                + " (and the secret key)");
        System.out.println();
        Report.header("figure", runs, run -> run.label() + "-Xmx" + run.xmx());
        row(runs, "result", run -> run.analysed() ? "analysed, every count checked" : "**" + run.problem().orElse("?") + "**");
        row(runs, "handler init (Renewals.fromEnvironment), ms", run -> f0(run.number("initMillis")));
        row(runs, "analysis wall time (handleRequest), s", run -> f1(run.number("wallMillis") / 1e3));
        row(runs, "rows per second", run -> f0(options.rows() / (run.number("wallMillis") / 1e3)));
        for (String phase : AnalysisPhases.ORDER) {
            row(runs, "… " + phase + ", s", run -> run.result().containsKey("phase." + phase)
                    ? String.format(Locale.ROOT, "%.2f", run.number("phase." + phase) / 1e3) : "–");
        }
        row(runs, "peak heap (sum of pool peaks), MB", run -> mb(run.number("heapPeakBytes")));
        row(runs, "largest heap after a GC during the analysis, MB", run -> run.number("heapMaxAfterGcBytes") < 0 ? "no GC"
                : mb(run.number("heapMaxAfterGcBytes")));
        row(runs, "heap before (after init, a full GC) / after, MB", run -> mb(run.number("heapBeforeBytes")) + " / "
                + mb(run.number("heapAfterBytes")));
        row(runs, "allocated by the handler's thread, MB", run -> mb(run.number("allocatedBytes")));
        row(runs, "collections (time, ms)", run -> run.number("collections") + " (" + run.number("collectionMillis") + ")");
        row(runs, "non-heap in use at the end (metaspace, code), MB", run -> mb(run.number("nonHeapUsedBytes")));
        row(runs, "peak resident memory of the process (VmHWM), MB", run -> f0(run.number("rssPeakKb") / 1024.0));
        row(runs, "CPU: handler thread / child JVM / DynamoDB Local, s", run -> f1(run.number("threadCpuMillis") / 1e3) + " / "
                + f1(run.number("processCpuMillis") / 1e3) + " / " + f1(run.dynamoCpuMillis() / 1e3));
        List<String> operations = runs.stream().flatMap(run -> run.requests().keySet().stream()).distinct().sorted().toList();
        for (String operation : operations) {
            row(runs, operation + ": requests" + (operation.endsWith("BatchGetItem") ? " (keys asked → items found)" : "")
                    + ", ms inside", run -> {
                long[] c = run.requests().get(operation);
                if (c == null) return "0";
                return f0(c[0]) + (operation.endsWith("BatchGetItem") ? " (" + f0(c[1]) + " → " + f0(c[2]) + ")" : "")
                        + ", " + f0(c[3]);
            });
        }
        for (String operation : operations) {
            if (!isDynamo(operation)) continue;
            long[] any = runs.stream().map(run -> run.requests().get(operation)).filter(c -> c != null && c.length > 8)
                    .findFirst().orElse(null);
            if (any == null || any[7] == 0) continue;
            row(runs, operation + ": items returned (MB as DynamoDB sizes them); read units by the pricing rules "
                    + "(as DynamoDB Local reports)", run -> {
                long[] c = run.requests().get(operation);
                if (c == null) return "0";
                return f0(c[2]) + " (" + mb(c[6]) + "); " + f0(c[7] / 1000.0) + " (" + f0(c[8] / 1000.0) + ")";
            });
        }
        row(runs, "**DynamoDB read units per data row, by the pricing rules (as DynamoDB Local reports)**", run -> {
            long rules = 0;
            long reported = 0;
            for (Map.Entry<String, long[]> entry : run.requests().entrySet()) {
                if (!isDynamo(entry.getKey()) || entry.getValue().length <= 8) continue;
                rules += entry.getValue()[7];
                reported += entry.getValue()[8];
            }
            return String.format(Locale.ROOT, "**%.3f** (%.3f)", rules / 1000.0 / options.rows(), reported / 1000.0 / options.rows());
        });
        row(runs, "DynamoDB requests per data row", run -> String.format(Locale.ROOT, "%.4f", run.requests().entrySet().stream()
                .filter(e -> isDynamo(e.getKey())).mapToLong(e -> e.getValue()[0]).sum() / (double) options.rows()));
        row(runs, "S3 bytes read (GetObject) / written (PutObject), MB", run -> mb(bytes(run, "S3.GetObject", 5)) + " / "
                + mb(bytes(run, "S3.PutObject", 4)));
        row(runs, "load average before → after", run -> run.loadBefore() + " → " + run.loadAfter());
    }

    private static boolean isDynamo(String operation) {
        return operation.toLowerCase(Locale.ROOT).startsWith("dynamodb.");
    }

    private static long bytes(AnalysisRun run, String operation, int index) {
        long[] counts = run.requests().get(operation);
        return counts == null ? 0 : counts[index];
    }

    /** A row of the analysis table: a dash where a run has no such figure (it failed, or did not measure it). */
    private static void row(List<AnalysisRun> runs, String name, java.util.function.Function<AnalysisRun, String> value) {
        Report.row(runs, name, run -> {
            try {
                return run.result().isEmpty() && !name.equals("result") ? "–" : value.apply(run);
            } catch (RuntimeException e) {
                return "–";
            }
        });
    }

    private static InProcessApi.Response expect(InProcessApi.Response response, int status, String what) {
        if (response.status() != status) throw new IllegalStateException(what + " answered " + shorten(response));
        return response;
    }

    private static String shorten(InProcessApi.Response response) {
        String text = response.toString();
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }
}
