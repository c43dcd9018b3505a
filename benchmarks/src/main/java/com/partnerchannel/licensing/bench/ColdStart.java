package com.partnerchannel.licensing.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.testing.ApiGatewayEvents;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Cold start of an API function, next to the floor: the time from spawning a fresh JVM to its first
 * answered request against DynamoDB Local.
 *
 * <p>This JVM runs DynamoDB Local as a loopback server, creates the table from template.yaml and seeds
 * it through the real handlers (a partner, a customer under it, an order of the customer). Then, for
 * each run, it spawns a child JVM whose class path is only the function's shaded jar plus
 * {@link ColdStartProbe}, {@link FloorHandler} and {@link RuntimeJackson}, with the environment a deployed function gets
 * (TABLE_NAME, region, credentials, template.yaml's JAVA_TOOL_OPTIONS) plus the DynamoDB endpoint.
 * Runs of the API function and of the floor alternate, so that drift on the machine hits both alike.
 *
 * <p>With {@code --prime}, a third handler alternates with the two: the API function again, with its
 * SnapStart priming run after init ({@link ColdStartProbe#PRIME}); its first request is what a function
 * restored from a primed snapshot pays, and its init plus priming what the snapshot's creation pays.
 *
 * <p>With {@code --traced}, the children get the environment of a traced Lambda invocation (function name,
 * X-Ray daemon address, a sampled trace header), so the function's SDK calls are X-Ray subsegments.
 *
 * <p>Usage: {@code ColdStart [--runs 10] [--warmup 1] [--api orders|companies] [--prime] [--traced] [--java <java binary>]}.
 * It prints Markdown tables. It measures; it asserts nothing about time.
 */
public final class ColdStart {
    private static final String TABLE = "licensing";
    private static final String REGION = "us-east-1";
    private static final String FLOOR = "floor";
    private static final Actor PLATFORM_ADMIN =
            new Actor(new UserId("bench-admin"), new CompanyId("PLATFORM"), Role.platform_admin);
    private static final List<Class<?>> PROBE_CLASSES = List.of(ColdStartProbe.class, FloorHandler.class,
            RuntimeJackson.class);

    private ColdStart() {
    }

    record Options(int runs, int warmup, String api, Path java, boolean prime, boolean traced) {
        static Options parse(String[] args) {
            int runs = 10;
            int warmup = 1;
            String api = "orders";
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            boolean prime = false;
            boolean traced = false;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (args[i].equals("--prime")) {
                    prime = true;
                    continue;
                }
                if (args[i].equals("--traced")) {
                    traced = true;
                    continue;
                }
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                    case "--warmup" -> warmup = Integer.parseInt(required(args[i], value));
                    case "--api" -> api = required(args[i], value);
                    case "--java" -> java = Path.of(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: ColdStart [--runs 10] [--warmup 1] [--api orders|companies] [--prime] [--traced] [--java <java>]");
                }
                i++;
            }
            if (!api.equals("orders") && !api.equals("companies")) {
                throw new IllegalArgumentException("--api must be orders or companies");
            }
            return new Options(runs, warmup, api, java, prime, traced);
        }

        private static String required(String option, String value) {
            if (value == null) throw new IllegalArgumentException(option + " needs a value");
            return value;
        }
    }

    /** What one child JVM reported, with the parent's own clock readings around it. */
    record Run(String handler, int number, int status, double totalMs, double spawnToMainMs, double jvmToMainMs,
               double initMs, double primeMs, double decodeMs, double requestMs, String java) {
    }

    /** A request that one handler class answers in a fresh JVM. */
    record Scenario(String label, String handlerClass, Path eventFile, List<String> jvmOptions) {
        Scenario(String label, String handlerClass, Path eventFile) {
            this(label, handlerClass, eventFile, List.of());
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = TemplateTable.templatePath().getParent();
        SamTemplate template = SamTemplate.load();
        List<SamTemplate.Route> routes = template.functions().stream().flatMap(f -> f.routes().stream()).toList();

        BulkAllocation.Server server = BulkAllocation.InProcessServer.start();
        Path work = Files.createTempDirectory("coldstart-");
        try {
            String endpoint = server.endpoint().toString();
            DynamoDbClient dynamo = server.client();
            dynamo.createTable(TemplateTable.createTableRequest(TABLE));
            Seed seed = seed(new InProcessApi(new Licensing(dynamo, TABLE, Clock.systemUTC())));

            String apiPath = options.api().equals("orders") ? "/orders/" + seed.orderId()
                    : "/companies/" + seed.customer().companyId().value();
            APIGatewayV2HTTPEvent apiEvent = event(routes, "GET", apiPath, seed.customer());
            SamTemplate.Function function = template.functions().stream()
                    .filter(f -> f.routes().stream().anyMatch(r -> r.key().equals(apiEvent.getRouteKey())))
                    .findFirst().orElseThrow();
            Path jar = root.resolve(function.codeUri());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run mvn -B -q package -DskipTests first");
            }
            APIGatewayV2HTTPEvent floorEvent = event(routes, "GET",
                    "/companies/" + seed.customer().companyId().value(), seed.customer());
            Scenario api = new Scenario(function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1),
                    function.handlerClass(), writeEvent(apiEvent, work.resolve("api-event.json")));
            Scenario floor = new Scenario(FLOOR, FloorHandler.class.getName(),
                    writeEvent(floorEvent, work.resolve("floor-event.json")));
            Scenario primed = new Scenario(api.label() + " primed", api.handlerClass(), api.eventFile(),
                    List.of("-D" + ColdStartProbe.PRIME + "=true"));
            List<Scenario> scenarios = options.prime() ? List.of(api, primed, floor) : List.of(api, floor);

            Path probeClasses = copyProbeClasses(work.resolve("probe-classes"));
            String classPath = jar + File.pathSeparator + probeClasses;
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("TABLE_NAME", TABLE);
            environment.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
            environment.put("AWS_REGION", REGION);
            environment.put("AWS_ACCESS_KEY_ID", "bench");
            environment.put("AWS_SECRET_ACCESS_KEY", "bench");
            if (options.traced()) {
                // A traced, sampled invocation: every SDK call of the function builds its X-Ray subsegment and
                // sends it to this loopback address, where nothing listens (UDP: the datagram is dropped).
                environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
                environment.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000");
                environment.put("_X_AMZN_TRACE_ID", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
            }
            String toolOptions = function.environment().get("JAVA_TOOL_OPTIONS");
            if (toolOptions != null) environment.put("JAVA_TOOL_OPTIONS", toolOptions);

            System.out.println("# Cold start: " + api.label() + " " + apiEvent.getRouteKey() + " vs floor (one GetItem)");
            System.out.println();
            System.out.println("- child java: " + options.java());
            System.out.println("- child class path: " + root.relativize(jar) + " (" + Files.size(jar) + " bytes) + "
                    + PROBE_CLASSES.size() + " probe classes");
            System.out.println("- child environment: " + environment);
            System.out.println("- runs: " + options.runs() + " per handler, alternating, after "
                    + options.warmup() + " discarded warm-up run(s) each");
            System.out.println();

            List<Run> runs = new ArrayList<>();
            for (int i = 1 - options.warmup(); i <= options.runs(); i++) {
                for (Scenario scenario : scenarios) {
                    Run run = spawn(options.java(), classPath, environment, scenario, i, work);
                    if (run.status() != 200) {
                        throw new IllegalStateException(scenario.label() + " answered " + run.status());
                    }
                    if (i >= 1) runs.add(run);
                }
            }
            print(runs, scenarios.stream().map(Scenario::label).toList());
            Map<String, int[]> apiClasses = classesByPhase(options.java(), classPath, environment, api, work);
            Map<String, int[]> floorClasses = classesByPhase(options.java(), classPath, environment, floor, work);
            printClasses(api.label(), apiClasses, floorClasses);
            if (options.prime()) {
                Map<String, int[]> primedClasses = classesByPhase(options.java(), classPath, environment, primed, work);
                System.out.println();
                System.out.println("Classes loaded, " + primed.label() + " (priming counted in init): init "
                        + primedClasses.values().stream().mapToInt(c -> c[1]).sum() + ", decode "
                        + primedClasses.values().stream().mapToInt(c -> c[2]).sum() + ", request "
                        + primedClasses.values().stream().mapToInt(c -> c[3]).sum() + " (of which this project "
                        + primedClasses.get("this project")[3] + ", AWS SDK " + primedClasses.get("AWS SDK")[3]
                        + ", Jackson " + primedClasses.get("Jackson")[3] + ", JDK " + primedClasses.get("JDK")[3] + ")");
            }
        } finally {
            server.close();
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    record Seed(Actor customer, String orderId) {
    }

    /** A partner, a customer under it and an order of the customer, made through the real handlers. */
    private static Seed seed(InProcessApi api) {
        InProcessApi.Response partner = created(api.post(PLATFORM_ADMIN, "/companies", Map.of(
                "name", "Bench Partner", "kind", "partner",
                "managers", List.of(Map.of("email", "pat@partner.example", "name", "Pat Partner")))));
        Actor partnerManager = managerOf(partner);
        InProcessApi.Response customer = created(api.post(partnerManager, "/companies", Map.of(
                "name", "Bench Customer", "kind", "customer", "plan", "premium",
                "parentId", partnerManager.companyId().value(),
                "managers", List.of(Map.of("email", "cam@customer.example", "name", "Cam Customer")))));
        Actor customerManager = managerOf(customer);
        InProcessApi.Response order = created(api.post(customerManager,
                "/companies/" + customerManager.companyId().value() + "/orders", Map.of("quantity", 10)));
        return new Seed(customerManager, order.json().path("orderId").asText());
    }

    private static InProcessApi.Response created(InProcessApi.Response response) {
        if (response.status() != 201) throw new IllegalStateException("seeding failed: " + response);
        return response;
    }

    private static Actor managerOf(InProcessApi.Response company) {
        return new Actor(new UserId(company.json().path("managers").path(0).path("userId").asText()),
                new CompanyId(company.json().path("companyId").asText()), Role.manager);
    }

    private static APIGatewayV2HTTPEvent event(List<SamTemplate.Route> routes, String method, String path, Actor actor) {
        ApiGatewayEvents.Match match = ApiGatewayEvents.match(routes, method, path)
                .orElseThrow(() -> new IllegalStateException("template.yaml has no route for " + method + " " + path));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("user-agent", "coldstart-bench");
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", actor.userId().value());
        claims.put("company_id", actor.companyId().value());
        claims.put("role", actor.role().name());
        return ApiGatewayEvents.event(match, method, path, null, headers, null, claims);
    }

    /**
     * Writes the event as API Gateway sends payload 2.0 (its field names, not the events classes'
     * getters), then checks that the probe reads back the very event that was built.
     */
    static Path writeEvent(APIGatewayV2HTTPEvent event, Path file) throws IOException, ReflectiveOperationException {
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), payload(event));
        APIGatewayV2HTTPEvent read = ColdStartProbe.readEvent(file);
        if (!read.equals(event)) {
            throw new IllegalStateException("the probe reads " + file + " as " + read + ", not as " + event);
        }
        return file;
    }

    static Map<String, Object> payload(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = context.getHttp();
        Map<String, Object> httpJson = new LinkedHashMap<>();
        httpJson.put("method", http.getMethod());
        httpJson.put("path", http.getPath());
        httpJson.put("protocol", http.getProtocol());
        httpJson.put("sourceIp", http.getSourceIp());
        httpJson.put("userAgent", http.getUserAgent());
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("claims", context.getAuthorizer().getJwt().getClaims());
        jwt.put("scopes", context.getAuthorizer().getJwt().getScopes());
        Map<String, Object> contextJson = new LinkedHashMap<>();
        contextJson.put("accountId", context.getAccountId());
        contextJson.put("apiId", context.getApiId());
        contextJson.put("authorizer", Map.of("jwt", jwt));
        contextJson.put("domainName", context.getDomainName());
        contextJson.put("http", httpJson);
        contextJson.put("requestId", context.getRequestId());
        contextJson.put("routeKey", context.getRouteKey());
        contextJson.put("stage", context.getStage());
        contextJson.put("time", context.getTime());
        contextJson.put("timeEpoch", context.getTimeEpoch());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", event.getVersion());
        json.put("routeKey", event.getRouteKey());
        json.put("rawPath", event.getRawPath());
        json.put("rawQueryString", event.getRawQueryString());
        json.put("headers", event.getHeaders());
        if (event.getQueryStringParameters() != null) json.put("queryStringParameters", event.getQueryStringParameters());
        if (event.getPathParameters() != null) json.put("pathParameters", event.getPathParameters());
        json.put("requestContext", contextJson);
        if (event.getBody() != null) json.put("body", event.getBody());
        json.put("isBase64Encoded", event.getIsBase64Encoded());
        return json;
    }

    /** The probe classes alone, so that nothing else of this module reaches the child's class path. */
    private static Path copyProbeClasses(Path dir) throws IOException {
        for (Class<?> type : PROBE_CLASSES) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("cannot find " + resource);
                Files.copy(in, target);
            }
        }
        return dir;
    }

    private static ProcessBuilder probe(Path java, List<String> jvmOptions, String classPath,
                                        Map<String, String> environment, Scenario scenario, Path stderr) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getName(), scenario.handlerClass(),
                scenario.eventFile().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what a deployed function's environment holds, not this shell's.
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectError(stderr.toFile());
        return builder;
    }

    private static Run spawn(Path java, String classPath, Map<String, String> environment, Scenario scenario,
                             int number, Path work) throws IOException, InterruptedException {
        Path stderr = work.resolve("stderr-" + scenario.label() + "-" + number + ".txt");
        ProcessBuilder builder = probe(java, scenario.jvmOptions(), classPath, environment, scenario, stderr);

        long spawnedAtMs = System.currentTimeMillis();
        long spawned = System.nanoTime();
        Process process = builder.start();
        Map<String, String> answer;
        Map<String, String> after;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            answer = readLine(out, "ANSWER ");
            long answered = System.nanoTime();
            after = readLine(out, "AFTER ");
            if (answer == null || after == null) {
                process.waitFor();
                throw new IllegalStateException(scenario.label() + " printed no answer; stderr:\n"
                        + Files.readString(stderr));
            }
            answer.put("totalMs", Double.toString((answered - spawned) / 1e6));
        }
        process.waitFor();
        long mainAtMs = Long.parseLong(answer.get("mainAtMs"));
        return new Run(scenario.label(), number, Integer.parseInt(answer.get("status")),
                Double.parseDouble(answer.get("totalMs")), mainAtMs - spawnedAtMs,
                mainAtMs - Long.parseLong(after.get("jvmStartMs")), Double.parseDouble(answer.get("initMs")),
                Double.parseDouble(answer.get("primeMs")), Double.parseDouble(answer.get("decodeMs")), Double.parseDouble(answer.get("requestMs")),
                after.get("java") + " " + after.get("vm"));
    }

    private static Map<String, String> readLine(BufferedReader out, String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (!line.startsWith(prefix)) continue;
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : line.substring(prefix.length()).split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            return fields;
        }
        return null;
    }

    private static void print(List<Run> runs, List<String> labels) {
        System.out.println("child JVM: " + runs.get(0).java());
        System.out.println();
        System.out.println("| handler | run | total ms | spawn→main ms | JVM start→main ms | init ms | prime ms | decode event ms | first request ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", run.handler(),
                    run.number(), run.totalMs(), run.spawnToMainMs(), run.jvmToMainMs(), run.initMs(), run.primeMs(),
                    run.decodeMs(), run.requestMs());
        }
        System.out.println();
        System.out.println("| handler | statistic | total ms | spawn→main ms | JVM start→main ms | init ms | prime ms | decode event ms | first request ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String handler : labels) {
            List<Run> of = runs.stream().filter(r -> r.handler().equals(handler)).toList();
            for (String statistic : List.of("median", "p90", "min")) {
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", handler,
                        statistic, statistic(of, Run::totalMs, statistic), statistic(of, Run::spawnToMainMs, statistic),
                        statistic(of, Run::jvmToMainMs, statistic), statistic(of, Run::initMs, statistic),
                        statistic(of, Run::primeMs, statistic),
                        statistic(of, Run::decodeMs, statistic), statistic(of, Run::requestMs, statistic));
            }
        }
        for (String label : labels) {
            if (!label.equals(FLOOR)) printPairedDifference(runs, label);
        }
    }

    /**
     * Runs alternate, so run i of the API function and run i of the floor saw the same machine: the
     * median of their differences is steadier than the difference of the medians on a noisy host.
     */
    private static void printPairedDifference(List<Run> runs, String apiLabel) {
        List<Run> api = runs.stream().filter(r -> r.handler().equals(apiLabel)).toList();
        List<Run> floor = runs.stream().filter(r -> r.handler().equals(FLOOR)).toList();
        List<Run> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(api.size(), floor.size()); i++) {
            Run a = api.get(i);
            Run f = floor.get(i);
            differences.add(new Run("difference", a.number(), a.status(), a.totalMs() - f.totalMs(),
                    a.spawnToMainMs() - f.spawnToMainMs(), a.jvmToMainMs() - f.jvmToMainMs(), a.initMs() - f.initMs(),
                    a.primeMs() - f.primeMs(), a.decodeMs() - f.decodeMs(), a.requestMs() - f.requestMs(), a.java()));
        }
        System.out.printf(Locale.ROOT, "| %s − floor, same run | median of differences | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                apiLabel, statistic(differences, Run::totalMs, "median"), statistic(differences, Run::spawnToMainMs, "median"),
                statistic(differences, Run::jvmToMainMs, "median"), statistic(differences, Run::initMs, "median"),
                statistic(differences, Run::primeMs, "median"),
                statistic(differences, Run::decodeMs, "median"), statistic(differences, Run::requestMs, "median"));
    }

    /** Median (mean of the middle two for an even count), nearest-rank p90, or minimum. */
    static double statistic(List<Run> runs, ToDoubleFunction<Run> column, String statistic) {
        double[] values = runs.stream().mapToDouble(column).sorted().toArray();
        int n = values.length;
        return switch (statistic) {
            case "median" -> n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
            case "p90" -> values[(int) Math.ceil(0.9 * n) - 1];
            case "min" -> values[0];
            default -> throw new IllegalArgumentException(statistic);
        };
    }

    private static final List<String> PHASE_NAMES = List.of("before main", "init", "decode", "request");
    private static final List<String> ORIGINS = List.of("JDK", "AWS SDK", "AWS SDK's shaded Jackson", "Jackson",
            "runtime's Jackson (event decode)", "Lambda core and events", "this project", "probe and floor", "other");

    /**
     * One more run, untimed, with {@code -Xlog:class+load} on the probe's stdout: how many classes each
     * phase loads, by where they come from. Class loading is most of a JVM's cold start, so this
     * says what the time above is spent on.
     */
    private static Map<String, int[]> classesByPhase(Path java, String classPath, Map<String, String> environment,
                                                     Scenario scenario, Path work)
            throws IOException, InterruptedException {
        Path stderr = work.resolve("stderr-" + scenario.label() + "-classes.txt");
        List<String> options = new ArrayList<>(List.of("-Xlog:class+load=info:stdout", "-D" + ColdStartProbe.PHASES + "=true"));
        options.addAll(scenario.jvmOptions());
        ProcessBuilder builder = probe(java, options, classPath, environment, scenario, stderr);
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String origin : ORIGINS) counts.put(origin, new int[PHASE_NAMES.size()]);
        Process process = builder.start();
        boolean answered = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            int phase = 0;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("PHASE ")) {
                    phase = PHASE_NAMES.indexOf(line.substring("PHASE ".length()));
                } else if (line.startsWith("ANSWER ")) {
                    answered = true;
                    break;
                } else {
                    int tag = line.indexOf("[class,load] ");
                    if (tag < 0) continue;
                    String rest = line.substring(tag + "[class,load] ".length());
                    int space = rest.indexOf(' ');
                    String className = space < 0 ? rest : rest.substring(0, space);
                    counts.get(origin(className, rest.substring(space + 1)))[phase]++;
                }
            }
        }
        process.waitFor();
        if (!answered) {
            throw new IllegalStateException(scenario.label() + " printed no answer; stderr:\n" + Files.readString(stderr));
        }
        return counts;
    }

    /** {@code source} is what -Xlog says after the name: a jar, the CDS archive, or a define from bytes. */
    static String origin(String className, String source) {
        if (className.startsWith("com.fasterxml.jackson.") && source.contains("__JVM_DefineClass__")) {
            return "runtime's Jackson (event decode)";
        }
        if (className.startsWith("com.partnerchannel.licensing.bench.")) return "probe and floor";
        if (className.startsWith("com.partnerchannel.")) return "this project";
        if (className.startsWith("software.amazon.awssdk.thirdparty.jackson.")) return "AWS SDK's shaded Jackson";
        if (className.startsWith("software.amazon.")) return "AWS SDK";
        if (className.startsWith("com.fasterxml.jackson.")) return "Jackson";
        if (className.startsWith("com.amazonaws.services.lambda.")) return "Lambda core and events";
        for (String jdk : List.of("java.", "javax.", "jdk.", "sun.", "com.sun.")) {
            if (className.startsWith(jdk)) return "JDK";
        }
        return "other";
    }

    private static void printClasses(String apiLabel, Map<String, int[]> api, Map<String, int[]> floor) {
        System.out.println();
        System.out.println("Classes loaded per phase (one extra, untimed run of each with -Xlog:class+load):");
        System.out.println();
        StringBuilder header = new StringBuilder("| origin |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String handler : List.of(apiLabel, FLOOR)) {
            for (String phase : PHASE_NAMES) {
                header.append(' ').append(handler).append(": ").append(phase).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        int[] totals = new int[PHASE_NAMES.size() * 2];
        for (String origin : ORIGINS) {
            int[] a = api.get(origin);
            int[] f = floor.get(origin);
            if (Arrays.stream(a).sum() + Arrays.stream(f).sum() == 0) continue;
            StringBuilder row = new StringBuilder("| " + origin + " |");
            for (int i = 0; i < PHASE_NAMES.size(); i++) {
                row.append(' ').append(a[i]).append(" |");
                totals[i] += a[i];
            }
            for (int i = 0; i < PHASE_NAMES.size(); i++) {
                row.append(' ').append(f[i]).append(" |");
                totals[PHASE_NAMES.size() + i] += f[i];
            }
            System.out.println(row);
        }
        StringBuilder row = new StringBuilder("| **all** |");
        for (int total : totals) row.append(" **").append(total).append("** |");
        System.out.println(row);
    }
}
