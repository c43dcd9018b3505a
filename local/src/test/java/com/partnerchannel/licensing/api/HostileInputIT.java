package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.functions.renewal.RenewalImportAnalysisHandler;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.s3.S3Uploads;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.testing.CapturedLogs;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.LocalS3;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.SampleEvents;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of template.yaml, called by every kind of caller (platform admin, partner and customer
 * managers, a learner, managers of another tree, tokens with odd claims) with random and hostile path
 * ids, query strings, headers and bodies. No answer may be a 5xx (nor log "unexpected failure"); every
 * answer is JSON, a 4xx one a problem of ours (a SCIM error on {@code /scim/v2}, RFC 7644 §3.12); and a
 * refused call leaves the table as it was. On the SCIM routes a customer's manager calls with its company's
 * directory token (as its identity provider would), every other caller with its JWT, which SCIM refuses.
 *
 * <p>The routes come from template.yaml, so a new route is covered without a change here. Ids, cursors
 * and bodies are chosen symbolically ({@code RealId[LEARNER]}, a valid body with one field mutated) and
 * resolved against a small company tree when sent, so a shrunk failure reads as what was sent.
 * {@code -Dhostile.tries=50000} runs longer; {@code -Dhostile.seed=…} repeats a run.
 */
class HostileInputIT {
    static final int DEFAULT_TRIES = 3000;
    /** -Dhostile.survey=true: count every violation by cause and print them, instead of stopping at the first. */
    static final boolean SURVEY = Boolean.getBoolean("hostile.survey");
    private static final String BUCKET = "renewal-uploads";
    private static final LocalS3 S3 = LocalS3.start().withBucket(BUCKET);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_TYPES = "https://licensing.partnerchannel.com/problems/";
    private static final String SCIM = "/scim/v2/";
    private static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** A fresh tree after this many calls, or once the table holds this many items, so scans stay cheap. */
    private static final int CALLS_PER_WORLD = 300;
    private static final int MAX_ITEMS = 500;

    static final List<SamTemplate.Route> ROUTES = SamTemplate.load().functions().stream()
            .flatMap(function -> function.routes().stream()).toList();

    private static World world;
    private static final Tally TALLY = new Tally();

    @AfterContainer
    static void stopS3() {
        S3.close();
    }

    @Property(tries = DEFAULT_TRIES, edgeCases = EdgeCasesMode.NONE)
    @AddLifecycleHook(Run.class)
    void noAnswerIsA5xxAndARefusedCallChangesNothing(@ForAll("calls") Call call) {
        World w = world();
        Sent sent = w.resolve(call);
        Run.LOGS.clear();
        InProcessApi.Response response = w.tenants.api.send(sent.request());
        String logged = Run.warnings();
        List<Map<String, AttributeValue>> after = LocalDynamoDb.snapshot(w.tenants.table);
        TALLY.count(call.route(), response.status());
        Statistics.label("status").collect(response.status());
        Statistics.label("caller").collect(call.caller() instanceof Named named ? named.name() : "odd claims");

        List<String> violations = violations(call.route().path().startsWith(SCIM), response, logged,
                !after.equals(w.snapshot));
        w.snapshot = after;
        w.calls++;
        if (violations.isEmpty()) return;
        String what = sent + "\n  answered " + abbreviate(response.toString(), 1000)
                + (logged.isEmpty() ? "" : "\n  logged " + abbreviate(logged, 3000));
        if (SURVEY) {
            TALLY.violation(call.route().key() + ": " + String.join("; ", violations) + " " + failure(logged), what);
        } else {
            throw new AssertionError(String.join("; ", violations) + " for\n" + what);
        }
    }

    /**
     * What is wrong with an answer: a 5xx, an "unexpected failure" logged, a body that is not JSON, a 4xx
     * that is not one of our problems (on a SCIM route: not a SCIM error of its status) or that changed the table.
     */
    static List<String> violations(boolean scim, InProcessApi.Response response, String logged, boolean tableChanged) {
        List<String> violations = new ArrayList<>();
        int status = response.status();
        if (status >= 500) violations.add("answered " + status);
        if (logged.contains("unexpected failure")) violations.add("logged an unexpected failure");
        if (status == 204) {
            if (response.body() != null && !response.body().isEmpty()) violations.add("a 204 with a body");
        } else if (!isJson(response.body())) {
            violations.add("a body that is not JSON");
        }
        if (status >= 400 && status < 500 && scim) {
            if (!"application/scim+json".equals(response.headers().get("Content-Type"))) {
                violations.add("a " + status + " that is not application/scim+json");
            }
            if (!isJson(response.body()) || !response.json().path("schemas").path(0).asText().equals(SCIM_ERROR)
                    || !response.json().path("status").asText().equals(Integer.toString(status))) {
                violations.add("a " + status + " that is not a SCIM error of that status");
            }
            if (tableChanged) violations.add("a " + status + " that changed the table");
        } else if (status >= 400 && status < 500) {
            if (!"application/problem+json".equals(response.headers().get("Content-Type"))) {
                violations.add("a " + status + " that is not application/problem+json");
            }
            if (!isJson(response.body()) || !response.json().path("type").asText().startsWith(PROBLEM_TYPES)) {
                violations.add("a " + status + " whose type is not one of ours");
            }
            if (tableChanged) violations.add("a " + status + " that changed the table");
        }
        return violations;
    }

    /** The exception and the first frame of ours in a logged "unexpected failure", to group failures by cause. */
    private static String failure(String logged) {
        for (String line : logged.split("\n")) {
            if (!line.contains("unexpected failure")) continue;
            try {
                JsonNode json = JSON.readTree(line.substring(line.indexOf('{')));
                String frame = "";
                String[] stack = json.path("stackTrace").asText().split("\n");
                for (String f : stack) {
                    if (f.trim().startsWith("at com.partnerchannel")) {
                        frame = f.trim().substring(3);
                        break;
                    }
                }
                return "(" + abbreviate(stack[0], 160) + " at " + frame + ")";
            } catch (Exception e) {
                return "(" + abbreviate(line, 200) + ")";
            }
        }
        return "";
    }

    private static synchronized World world() {
        if (world == null || world.calls >= CALLS_PER_WORLD || world.snapshot.size() > MAX_ITEMS) {
            if (world != null) LocalDynamoDb.client().deleteTable(request -> request.tableName(world.tenants.table));
            world = new World();
            TALLY.worlds++;
        }
        return world;
    }

    // ---- what is sent ----

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<SamTemplate.Route> route = Arbitraries.of(ROUTES);
        Arbitrary<Call> hostile = Combinators.combine(route, callers(), pathIds().list().ofSize(2), queries(), headers(),
                bodies()).as(Call::new);
        // One call in four is one a client of ours could send, so that state moves on (orders assigned,
        // learners added, imports confirmed) and the hostile calls meet it in every state.
        Arbitrary<Call> plausible = Combinators.combine(route, Arbitraries.of(Named.class).map(named -> (Caller) named),
                Arbitraries.integers().between(0, 11).map(pick -> (Value) new Fitting(pick)).list().ofSize(2),
                plausibleQueries(), plausibleHeaders(), Arbitraries.just((Body) new Mutated(Mutation.NONE, 0, null)))
                .as(Call::new);
        return oneIn(4, plausible, hostile);
    }

    /** One request, with everything in it still symbolic. */
    record Call(SamTemplate.Route route, Caller caller, List<Value> pathIds, List<Param> query, Headers headers,
                Body body) {
    }

    /** A value that may name something of the tree (resolved when sent), or be absent. */
    sealed interface Value permits Lit, RealId, Fitting, RealCursor, Absent {
        /** The text sent, or null for nothing. */
        String resolve(World world);
    }

    record Lit(String text) implements Value {
        @Override
        public String resolve(World world) {
            return text;
        }

        @Override
        public String toString() {
            return "'" + abbreviate(text, 120) + "'";
        }
    }

    /** Ids of the tree: each may be sent as any id, so a learner's id also goes where a company's belongs. */
    enum Real {
        DISTRIBUTOR, MSP, CUSTOMER, OTHER_DISTRIBUTOR, OTHER_CUSTOMER, ASSIGNED_ORDER, REQUESTED_ORDER, OTHER_ORDER,
        LEARNER, OTHER_LEARNER, CUSTOMER_MANAGER_USER, STARTED_IMPORT, ANALYSED_IMPORT, OTHER_IMPORT, ANALYSIS_ID,
        SCIM_USER_SCHEMA, SCIM_USER_TYPE
    }

    record RealId(Real kind, Case variant) implements Value {
        @Override
        public String resolve(World world) {
            return variant.apply(world.ids.get(kind));
        }
    }

    /**
     * A real id of the kind the path parameter takes ({@code pick} chooses among this tree's and the other
     * tree's), so that calls also get past the id checks to the rules; resolved by {@link World#resolve}.
     */
    record Fitting(int pick) implements Value {
        static final Map<String, List<Real>> KINDS = Map.of(
                "companyId", List.of(Real.CUSTOMER, Real.CUSTOMER, Real.MSP, Real.OTHER_CUSTOMER),
                "orderId", List.of(Real.REQUESTED_ORDER, Real.ASSIGNED_ORDER, Real.OTHER_ORDER),
                "learnerId", List.of(Real.LEARNER, Real.LEARNER, Real.OTHER_LEARNER),
                "importId", List.of(Real.ANALYSED_IMPORT, Real.STARTED_IMPORT, Real.OTHER_IMPORT),
                "userId", List.of(Real.LEARNER, Real.LEARNER, Real.CUSTOMER_MANAGER_USER, Real.OTHER_LEARNER),
                "schemaId", List.of(Real.SCIM_USER_SCHEMA),
                "resourceTypeId", List.of(Real.SCIM_USER_TYPE));

        String resolve(World world, String parameter) {
            List<Real> kinds = KINDS.getOrDefault(parameter, List.of(Real.CUSTOMER));
            return world.ids.get(kinds.get(pick % kinds.size()));
        }

        @Override
        public String resolve(World world) {
            return resolve(world, "companyId");
        }
    }

    /** An id as it is, or slightly off: lower case, padded, one character longer or shorter, split by a slash (in its middle: a SCIM id such as {@code User} is 4 characters, not a ULID's 26). */
    enum Case {
        AS_IS(id -> id), LOWER(id -> id.toLowerCase()), PADDED(id -> " " + id + " "), LONGER(id -> id + "0"),
        SHORTER(id -> id.substring(1)), ENCODED_SLASH(id -> id.substring(0, id.length() / 2) + "/" + id.substring(id.length() / 2));

        private final Function<String, String> change;

        Case(Function<String, String> change) {
            this.change = change;
        }

        String apply(String id) {
            return id == null ? null : change.apply(id);
        }
    }

    enum ListOf { COMPANIES, ORDERS, COMPANY_ORDERS, LEARNERS, IMPORT_ROWS }

    /** A cursor a list really returned, as is or with one character changed (at {@code edit}). */
    record RealCursor(ListOf list, int edit) implements Value {
        @Override
        public String resolve(World world) {
            String cursor = world.cursors.get(list);
            if (cursor == null || edit == 0) return cursor;
            int at = edit % cursor.length();
            char c = cursor.charAt(at);
            return cursor.substring(0, at) + (char) (c == 'A' ? 'B' : c + 1) + cursor.substring(at + 1);
        }
    }

    enum Absent implements Value {
        ABSENT;

        @Override
        public String resolve(World world) {
            return null;
        }
    }

    // ---- callers ----

    sealed interface Caller permits Named, OddClaims {
        Map<String, String> claims(World world);
    }

    enum Named implements Caller {
        PLATFORM_ADMIN, DISTRIBUTOR_MANAGER, MSP_MANAGER, CUSTOMER_MANAGER, CUSTOMER_LEARNER, OTHER_TREE_MANAGER,
        OTHER_CUSTOMER_MANAGER;

        @Override
        public Map<String, String> claims(World world) {
            Actor actor = world.actors.get(this);
            Map<String, String> claims = new LinkedHashMap<>();
            claims.put("sub", actor.userId().value());
            claims.put("company_id", actor.companyId().value());
            claims.put("role", actor.role().name());
            return claims;
        }
    }

    /** A token whose claims are odd: a missing, empty, long or strange sub, company or role. */
    record OddClaims(Value sub, Value companyId, Value role) implements Caller {
        @Override
        public Map<String, String> claims(World world) {
            Map<String, String> claims = new LinkedHashMap<>();
            put(claims, "sub", sub.resolve(world));
            put(claims, "company_id", companyId.resolve(world));
            put(claims, "role", role.resolve(world));
            return claims;
        }

        private static void put(Map<String, String> claims, String name, String value) {
            if (value != null) claims.put(name, value);
        }
    }

    private static Arbitrary<Caller> callers() {
        Arbitrary<Value> sub = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("platform-admin", "probeuser#a", "IDEM#x", "C#1", "a".repeat(300))
                        .map(Lit::new)),
                Tuple.of(3, hostileText().map(Lit::new)),
                Tuple.of(1, Arbitraries.just(new RealId(Real.CUSTOMER_MANAGER_USER, Case.AS_IS))),
                Tuple.of(1, Arbitraries.just(Absent.ABSENT)));
        Arbitrary<Value> company = Arbitraries.frequencyOf(
                Tuple.of(4, realIds()),
                Tuple.of(1, Arbitraries.of("PLATFORM", "01JZZZZZZZZZZZZZZZZZZZZZZZ").map(Lit::new)),
                Tuple.of(3, hostileText().map(Lit::new)),
                Tuple.of(1, Arbitraries.just(Absent.ABSENT)));
        Arbitrary<Value> role = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("platform_admin", "manager", "learner").map(Lit::new)),
                Tuple.of(2, Arbitraries.of("Manager", "admin", "", " manager", "MANAGER", "learner ").map(Lit::new)),
                Tuple.of(1, hostileText().map(Lit::new)),
                Tuple.of(1, Arbitraries.just(Absent.ABSENT)));
        Arbitrary<Caller> odd = Combinators.combine(sub, company, role).as(OddClaims::new);
        Arbitrary<Caller> named = Arbitraries.of(Named.class).map(caller -> (Caller) caller);
        return oneIn(8, odd, named);
    }

    // ---- ids, texts, query strings ----

    private static Arbitrary<Value> realIds() {
        return Combinators.combine(Arbitraries.of(Real.class), Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Case.AS_IS)), Tuple.of(1, Arbitraries.of(Case.class)))).as(RealId::new);
    }

    /** Ids for path segments: real ones of this tree or another, well-formed unknown ones, malformed ones. */
    private static Arbitrary<Value> pathIds() {
        Arbitrary<String> wellFormed = Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(26);
        Arbitrary<String> malformed = Arbitraries.oneOf(
                hostileText(),
                Arbitraries.of("I".repeat(26), "01jzzzzzzzzzzzzzzzzzzzzzzz", "０".repeat(26), "٠".repeat(26),
                        "Ａ".repeat(26), "01JZZZZZZZZZZZZZZZZZZZZZZ", "01JZZZZZZZZZZZZZZZZZZZZZZZZ",
                        "01JZZZZZZZZZZZZZZZZZZZZZZ\u0000", "%2F..%2F..", "..", "C#01JZZZZZZZZZZZZZZZZZZZZZZZ",
                        "01JZZZZZZZZZZZZZZZZZZZZZZZ#POOL", "Z".repeat(2049), "€".repeat(700)));
        return Arbitraries.frequencyOf(
                        Tuple.of(10, Arbitraries.integers().between(0, 11).map(Fitting::new)),
                        Tuple.of(4, realIds()),
                        Tuple.of(2, wellFormed.map(Lit::new)),
                        Tuple.of(3, malformed.map(Lit::new)))
                .filter(value -> !(value instanceof Lit lit) || !lit.text().isEmpty());
    }

    /** Text a client should not send, and text that is nearly right. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(30)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1000).ofMaxLength(5000)),
                Tuple.of(4, Arbitraries.of("", " ", "null", "undefined", "0", "-1", "2147483648",
                        "99999999999999999999", "1e309", "NaN", "-0", "true", "[]", "{}", "%00", "\u0000", "\n",
                        "\r\n", "'; DROP TABLE licensing; --", "../../etc/passwd", "C#", "#", "A#B", "<script>x</script>",
                        "\uD800", "\uDFFF", "\uFEFF", "\u202E", "\u200B", "😀", "😀".repeat(300), "a".repeat(1025),
                        "x".repeat(70_000), "é".repeat(300), "${jndi:ldap://x}", "%s%n", "\\", "\"", ",", "=", "&",
                        "active,expired", "requested,assigned", "toRenew,notRenewed", "1,2", " 5 ", "5.0", "0x10",
                        "2026-02-30", "2026-13-01", "+999999999-12-31", "-999999999-01-01T00:00:00Z",
                        "2026-03-01T09:00:00+25:00", "9999-12-31T23:59:59.999999999Z", "0000-01-01")));
    }

    record Param(String name, Value value) {
    }

    static final List<String> KNOWN_PARAMETERS = List.of("limit", "cursor", "status", "kind", "plan", "q", "from",
            "to", "companyId", "parentId", "licenceStatus", "list", "reason", "filter", "startIndex", "count",
            "attributes", "excludedAttributes");

    private static Arbitrary<List<Param>> queries() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(KNOWN_PARAMETERS)),
                Tuple.of(1, Arbitraries.of("LIMIT", "foo", "", "limit ", "cursor[]", "__proto__")),
                Tuple.of(1, hostileText()));
        Arbitrary<Value> value = Arbitraries.frequencyOf(
                Tuple.of(4, hostileText().map(Lit::new)),
                Tuple.of(3, Arbitraries.of("1", "2", "200", "201", "0", "50", "active", "expired", "unlicensed",
                        "requested", "assigned", "rejected", "cancelled", "new", "upgrade", "customer", "partner",
                        "trial", "premium", "toRenew", "notRenewed", "2026-01-01", "2026-03-01T09:00:00Z", "acme",
                        "A.", "B.", "A.e30", "B.e30", "e30").map(Lit::new)),
                Tuple.of(1, Arbitraries.of(NotRenewedReason.class).map(reason -> new Lit(reason.name()))),
                Tuple.of(2, realIds()),
                Tuple.of(2, Combinators.combine(Arbitraries.of(ListOf.class), Arbitraries.integers().between(0, 60))
                        .as(RealCursor::new)),
                Tuple.of(2, cursorsOfOurOwn().map(Lit::new)));
        Arbitrary<List<Param>> some = Combinators.combine(name, value).as(Param::new).list().ofMinSize(1).ofMaxSize(3);
        return oneIn(2, Arbitraries.just(List.<Param>of()), some);
    }

    private static Arbitrary<List<Param>> plausibleQueries() {
        Arbitrary<Param> param = Arbitraries.of(
                new Param("limit", new Lit("1")), new Param("limit", new Lit("2")), new Param("status", new Lit("requested")),
                new Param("status", new Lit("assigned")), new Param("kind", new Lit("new")), new Param("kind", new Lit("customer")),
                new Param("q", new Lit("acme")), new Param("from", new Lit("2026-01-01")), new Param("to", new Lit("2026-12-31")),
                new Param("companyId", new RealId(Real.CUSTOMER, Case.AS_IS)),
                new Param("parentId", new RealId(Real.MSP, Case.AS_IS)), new Param("licenceStatus", new Lit("active")),
                new Param("list", new Lit("toRenew")), new Param("list", new Lit("notRenewed")),
                new Param("reason", new Lit("unknown_email")), new Param("cursor", new RealCursor(ListOf.LEARNERS, 0)),
                new Param("cursor", new RealCursor(ListOf.COMPANY_ORDERS, 0)),
                new Param("filter", new Lit("userName eq \"ann@acme.test\"")),
                new Param("filter", new Lit("emails[type eq \"work\"].value eq \"bob@acme.test\" and externalId eq \"e-1\"")),
                new Param("startIndex", new Lit("2")), new Param("count", new Lit("1")),
                new Param("attributes", new Lit("userName,name.givenName")));
        return param.list().ofMaxSize(2);
    }

    /** Cursors that decode: JSON objects naming key attributes, with odd values, maybe behind A. or B. */
    private static Arbitrary<String> cursorsOfOurOwn() {
        Arbitrary<String> attribute = Arbitraries.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK",
                "GSI3SK", "GSI5PK", "GSI5SK", "x");
        Arbitrary<Object> attributeValue = Arbitraries.frequencyOf(
                Tuple.of(4, hostileText().map(text -> (Object) text)),
                Tuple.of(2, Arbitraries.of("C#01JZZZZZZZZZZZZZZZZZZZZZZZ", "ORDER#", "L#", "COMPANY", "C#")
                        .map(text -> (Object) text)),
                Tuple.of(1, Arbitraries.of(1, true, List.of(), Map.of()).map(v -> (Object) v)));
        Arbitrary<String> object = Arbitraries.maps(attribute, attributeValue).ofMaxSize(5).map(HostileInputIT::json);
        Arbitrary<String> prefix = Arbitraries.of("", "", "A.", "B.");
        return Combinators.combine(prefix, object).as((p, json) ->
                p + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- headers ----

    /** How the body is flagged: plain, base64 as API Gateway does for binary, flagged but not base64, bad UTF-8. */
    enum Encoding { PLAIN, BASE64, FLAGGED_NOT_BASE64, BASE64_OF_BAD_UTF8 }

    record Headers(String keyHeader, Value idempotencyKey, Value contentType, Encoding encoding, List<Param> others) {
    }

    private static Arbitrary<Headers> headers() {
        Arbitrary<String> keyHeader = Arbitraries.of("idempotency-key", "Idempotency-Key", "IDEMPOTENCY-KEY",
                "idempotency_key");
        Arbitrary<Value> key = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(Absent.ABSENT)),
                Tuple.of(2, Arbitraries.of("key-1", "key-2").map(Lit::new)),
                Tuple.of(2, Arbitraries.of("", " ", "k".repeat(255), "k".repeat(256), "€".repeat(255),
                        "😀".repeat(127), "😀".repeat(128), "\uD800", "a#b", "IDEM#x", "\u0000", "key\r\nx: y")
                        .map(Lit::new)),
                Tuple.of(2, hostileText().map(Lit::new)));
        Arbitrary<Value> contentType = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(new Lit("application/json"))),
                Tuple.of(2, Arbitraries.just(Absent.ABSENT)),
                Tuple.of(3, Arbitraries.of("text/plain", "application/x-www-form-urlencoded",
                        "application/json; charset=utf-16", "application/xml", "multipart/form-data; boundary=x",
                        "application/problem+json", "", "*/*").map(Lit::new)),
                Tuple.of(1, hostileText().map(Lit::new)));
        Arbitrary<Encoding> encoding = Arbitraries.frequency(Tuple.of(12, Encoding.PLAIN), Tuple.of(2, Encoding.BASE64),
                Tuple.of(1, Encoding.FLAGGED_NOT_BASE64), Tuple.of(1, Encoding.BASE64_OF_BAD_UTF8));
        Arbitrary<Param> other = Combinators.combine(
                Arbitraries.of("x-forwarded-for", "user-agent", "authorization", "accept", "content-length",
                        "x-amzn-trace-id", "cookie"),
                hostileText().map(text -> (Value) new Lit(text))).as(Param::new);
        return Combinators.combine(keyHeader, key, contentType, encoding, other.list().ofMaxSize(2)).as(Headers::new);
    }

    private static Arbitrary<Headers> plausibleHeaders() {
        Arbitrary<Value> key = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Absent.ABSENT)),
                Tuple.of(1, Arbitraries.of("key-1", "key-2", "key-3").map(Lit::new)));
        return key.map(k -> new Headers("Idempotency-Key", k, new Lit("application/json"), Encoding.PLAIN, List.of()));
    }

    // ---- bodies ----

    sealed interface Body permits NoBody, RawBody, Mutated {
    }

    enum NoBody implements Body { NONE }

    record RawBody(String text) implements Body {
        @Override
        public String toString() {
            return "RawBody['" + abbreviate(text, 200) + "']";
        }
    }

    /** The route's valid body (when it takes one) with one thing done to it. */
    record Mutated(Mutation mutation, int at, String json) implements Body {
        @Override
        public String toString() {
            return "Mutated[" + mutation + " at node " + at + (json == null ? "" : " with " + abbreviate(json, 200)) + "]";
        }
    }

    enum Mutation {
        NONE, REMOVE, SET_NULL, REPLACE, ADD_UNKNOWN_FIELD, DUPLICATE_FIRST_FIELD, WRAP_IN_ARRAY, TRAILING_GARBAGE,
        UPPER_CASE_FIRST_FIELD
    }

    static final List<String> FIELD_NAMES = List.of("name", "kind", "parentId", "plan", "managers", "email",
            "initialOrder", "quantity", "purchaseOrderRef", "note", "learners", "firstName", "lastName", "role",
            "source", "learnerIds", "allExpired", "reason", "emailColumn", "analysisId", "exclude", "userName",
            "externalId", "givenName", "familyName", "active", "Operations", "op", "path", "value");

    private static Arbitrary<Body> bodies() {
        Arbitrary<Body> mutated = Combinators.combine(Arbitraries.of(Mutation.class),
                Arbitraries.integers().between(0, 30), jsonValues(2).injectNull(0.3)).as(Mutated::new);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(NoBody.NONE)),
                Tuple.of(4, Arbitraries.just(new Mutated(Mutation.NONE, 0, null))),
                Tuple.of(8, mutated),
                Tuple.of(4, jsonValues(3).map(RawBody::new)),
                Tuple.of(3, oddJson().map(RawBody::new)),
                Tuple.of(1, hostileText().map(RawBody::new)));
    }

    /** Any JSON value, with the request's field names as keys more often than not. */
    private static Arbitrary<String> jsonValues(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of("null", "true", "false", "0", "-1", "1", "2147483648", "-0", "0.5", "1e2",
                        "1e309", "-1e309", "1E-400", "123456789012345678901234567890", "9".repeat(2000), "3.0")),
                Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(2, hostileText().map(HostileInputIT::json)),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(26)
                        .map(HostileInputIT::json)));
        if (depth == 0) return scalar;
        Arbitrary<String> inner = jsonValues(depth - 1);
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(FIELD_NAMES)),
                Tuple.of(1, hostileText()));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(key, inner).as((k, v) -> json(k) + ":" + v).list().ofMaxSize(4)
                .map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(1, array), Tuple.of(3, object));
    }

    /** Bodies that break JSON or push its limits. */
    private static Arbitrary<String> oddJson() {
        String bigLearners = "{\"learners\":[" + String.join(",",
                java.util.Collections.nCopies(2000, "{\"email\":\"not-an-email\"}")) + "]}";
        return Arbitraries.of(
                "[".repeat(5000), "{\"a\":".repeat(5000), "[".repeat(900) + "]".repeat(900),
                "{\"managers\":" + "[".repeat(990) + "]".repeat(990) + "}",
                "{", "}", "{}}", "{} {}", "{}garbage", "{}\u0000", "\uFEFF{}", " \n{}", "{\"quantity\":1,\"quantity\":2}",
                "{\"quantity\":1e400}", "{\"quantity\":123456789012345678901234567890}", "{\"quantity\":-0}",
                "{\"quantity\":1.0}", "{\"quantity\":NaN}", "{'quantity':1}", "{quantity:1}", "{\"quantity\":01}",
                "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\"}", "{\"learners\":[null]}", "{\"learnerIds\":[null]}",
                "{\"managers\":[null]}", "{\"exclude\":[null]}", "{\"name\":\"" + "n".repeat(300_000) + "\"}",
                "{\"learnerIds\":[" + "\"01JZZZZZZZZZZZZZZZZZZZZZZZ\",".repeat(5000) + "\"01JZZZZZZZZZZZZZZZZZZZZZZZ\"]}",
                bigLearners, "{\"quantity\":1}/*c*/", "{\"quantity\":1,}", "{,}", "\"\\u0000\"", "{\"\":1}",
                "{\"allExpired\":\"true\"}", "{\"initialOrder\":null}", "{\"initialOrder\":{\"quantity\":null}}");
    }

    // ---- the tree the calls name ----

    /** A small tree on a fresh table: a distributor, an MSP and a customer under it, and another tree beside it. */
    static final class World {
        final Tenants tenants;
        final Renewals renewals;
        final Map<Real, String> ids = new EnumMap<>(Real.class);
        final Map<ListOf, String> cursors = new EnumMap<>(ListOf.class);
        final Map<Named, Actor> actors = new EnumMap<>(Named.class);
        /** The directory tokens of the customers, which their managers send on the SCIM routes. */
        final Map<Named, String> directoryTokens = new EnumMap<>(Named.class);
        List<Map<String, AttributeValue>> snapshot;
        int calls;
        private int bodies;

        World() {
            Renewals[] made = new Renewals[1];
            tenants = new Tenants(LocalDynamoDb.client(), licensing -> {
                made[0] = new Renewals(licensing, S3Uploads.local(S3.endpoint(), S3.credentials(), BUCKET),
                        new Renewals.Limits(2, 100));
                return new Object[]{made[0]};
            });
            renewals = made[0];
            Tenants.Tenant distributor = tenants.aDistributor();
            Tenants.Tenant msp = tenants.anMspUnder(distributor);
            Tenants.Tenant customer = tenants.aCustomerUnder(msp);
            Tenants.Tenant otherDistributor = tenants.aDistributor();
            Tenants.Tenant otherCustomer = tenants.aCustomerUnder(otherDistributor);
            ids.put(Real.DISTRIBUTOR, distributor.companyId());
            ids.put(Real.MSP, msp.companyId());
            ids.put(Real.CUSTOMER, customer.companyId());
            ids.put(Real.OTHER_DISTRIBUTOR, otherDistributor.companyId());
            ids.put(Real.OTHER_CUSTOMER, otherCustomer.companyId());
            ids.put(Real.CUSTOMER_MANAGER_USER, customer.manager().userId().value());
            actors.put(Named.PLATFORM_ADMIN, Tenants.PLATFORM_ADMIN);
            actors.put(Named.DISTRIBUTOR_MANAGER, distributor.manager());
            actors.put(Named.MSP_MANAGER, msp.manager());
            actors.put(Named.CUSTOMER_MANAGER, customer.manager());
            actors.put(Named.CUSTOMER_LEARNER, customer.learner());
            actors.put(Named.OTHER_TREE_MANAGER, otherDistributor.manager());
            actors.put(Named.OTHER_CUSTOMER_MANAGER, otherCustomer.manager());

            ids.put(Real.ASSIGNED_ORDER, tenants.anOrderFor(customer, 5));
            ok(tenants.api.post(msp.manager(), "/orders/" + ids.get(Real.ASSIGNED_ORDER) + "/assign", null));
            ids.put(Real.REQUESTED_ORDER, tenants.anOrderFor(customer, 2));
            ids.put(Real.OTHER_ORDER, tenants.anOrderFor(otherCustomer, 3));
            ok(tenants.api.post(otherDistributor.manager(), "/orders/" + ids.get(Real.OTHER_ORDER) + "/assign", null));
            tenants.anOrderFor(customer, 1);

            ids.put(Real.LEARNER, addLearners(customer, "ann@acme.test", "bob@acme.test", "cy@acme.test"));
            ids.put(Real.OTHER_LEARNER, addLearners(otherCustomer, "dee@other.test"));

            String c = "/companies/" + customer.companyId();
            ids.put(Real.STARTED_IMPORT, startImport(customer));
            String analysed = startImport(customer);
            S3.client().putObject(put -> put.bucket(BUCKET).key("uploads/" + customer.companyId() + "/" + analysed + ".csv"),
                    RequestBody.fromString("Email,Name\nann@acme.test,Ann\nnobody@acme.test,No\nnot-an-email,X\n"));
            String key = "uploads/" + customer.companyId() + "/" + analysed + ".csv";
            var head = S3.client().headObject(h -> h.bucket(BUCKET).key(key));
            new RenewalImportAnalysisHandler(renewals).handleRequest(
                    SampleEvents.s3Upload(BUCKET, key, head.eTag().replace("\"", ""), head.contentLength()), null);
            ids.put(Real.ANALYSED_IMPORT, analysed);
            ids.put(Real.ANALYSIS_ID, ok(tenants.api.get(customer.manager(), c + "/renewal-imports/" + analysed))
                    .path("analysisId").asText());
            ids.put(Real.OTHER_IMPORT, startImport(otherCustomer));
            ids.put(Real.SCIM_USER_SCHEMA, "urn:ietf:params:scim:schemas:core:2.0:User");
            ids.put(Real.SCIM_USER_TYPE, "User");
            directoryTokens.put(Named.CUSTOMER_MANAGER, directoryToken(customer));
            directoryTokens.put(Named.OTHER_CUSTOMER_MANAGER, directoryToken(otherCustomer));

            cursors.put(ListOf.COMPANIES, ok(tenants.api.get(Tenants.PLATFORM_ADMIN, "/companies?limit=1"))
                    .path("nextCursor").asText(null));
            cursors.put(ListOf.ORDERS, ok(tenants.api.get(distributor.manager(), "/orders?limit=1"))
                    .path("nextCursor").asText(null));
            cursors.put(ListOf.COMPANY_ORDERS, ok(tenants.api.get(customer.manager(), c + "/orders?limit=1"))
                    .path("nextCursor").asText(null));
            cursors.put(ListOf.LEARNERS, ok(tenants.api.get(customer.manager(), c + "/learners?limit=1"))
                    .path("nextCursor").asText(null));
            cursors.put(ListOf.IMPORT_ROWS, ok(tenants.api.get(customer.manager(),
                    c + "/renewal-imports/" + analysed + "/rows?list=notRenewed&limit=1")).path("nextCursor").asText(null));
            snapshot = LocalDynamoDb.snapshot(tenants.table);
        }

        private String addLearners(Tenants.Tenant company, String... emails) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (String email : emails) rows.add(Map.of("email", email, "firstName", "F", "lastName", "L"));
            ok(tenants.api.post(company.manager(), "/companies/" + company.companyId() + "/learners",
                    Map.of("learners", rows)));
            return ok(tenants.api.get(company.manager(), "/companies/" + company.companyId() + "/learners?limit=1"))
                    .path("items").path(0).path("learnerId").asText();
        }

        /** A token made through the API and used once, so that its lastUsedAt is in the snapshot already. */
        private String directoryToken(Tenants.Tenant company) {
            String token = ok(tenants.api.post(company.manager(), "/companies/" + company.companyId() + "/directory-tokens",
                    null)).path("token").asText();
            ok(tenants.api.send(new InProcessApi.RawRequest(Map.of(), "GET", "/scim/v2/ServiceProviderConfig", null,
                    Map.of("authorization", "Bearer " + token), null, false)));
            return token;
        }

        private String startImport(Tenants.Tenant company) {
            return ok(tenants.api.post(company.manager(), "/companies/" + company.companyId() + "/renewal-imports", null))
                    .path("importId").asText();
        }

        private static JsonNode ok(InProcessApi.Response response) {
            assertThat(response.status()).as(response.toString()).isBetween(200, 299);
            return response.json();
        }

        /** A body the route accepts from the right caller, with this tree's ids; {} for a route without one. */
        ObjectNode validBody(SamTemplate.Route route) {
            int n = ++bodies;
            ObjectNode body = JSON.createObjectNode();
            switch (route.key()) {
                case "POST /companies" -> {
                    body.put("name", "Hostile " + n).put("kind", "customer").put("plan", "premium")
                            .put("parentId", ids.get(Real.MSP));
                    body.putArray("managers").addObject().put("email", "boss" + n + "@hostile.test").put("name", "Boss");
                    body.putObject("initialOrder").put("quantity", 2).put("purchaseOrderRef", "PO-" + n);
                }
                case "POST /companies/{companyId}/orders" ->
                        body.put("quantity", 2).put("kind", "new").put("purchaseOrderRef", "PO-" + n).put("note", "a\nnote");
                case "POST /companies/{companyId}/learners" -> {
                    body.putArray("learners").addObject().put("email", "l" + n + "@acme.test").put("firstName", "L")
                            .put("lastName", "N").put("role", "learner");
                    body.put("source", "manual");
                }
                case "POST /companies/{companyId}/allocations" -> {
                    body.putArray("learnerIds").add(ids.get(Real.LEARNER));
                    body.put("allExpired", false);
                }
                case "POST /orders/{orderId}/reject" -> body.put("reason", "not this quarter");
                case "POST /companies/{companyId}/renewal-imports/{importId}/analyse" -> body.put("emailColumn", "Email");
                case "POST /scim/v2/Users", "PUT /scim/v2/Users/{userId}" -> {
                    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
                    body.put("userName", "s" + n + "@acme.test").put("externalId", "e-" + n).put("active", n % 2 == 0);
                    body.putObject("name").put("givenName", "S").put("familyName", "N" + n);
                }
                case "PATCH /scim/v2/Users/{userId}" -> {
                    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
                    body.putArray("Operations").addObject().put("op", "Replace").put("path", "active")
                            .put("value", n % 2 == 0 ? "True" : "False");
                }
                case "POST /companies/{companyId}/renewal-imports/{importId}/confirm" -> {
                    body.put("analysisId", ids.get(Real.ANALYSIS_ID));
                    body.putArray("exclude");
                }
                default -> {
                }
            }
            return body;
        }

        Sent resolve(Call call) {
            SamTemplate.Route route = call.route();
            StringBuilder path = new StringBuilder();
            int next = 0;
            for (String segment : route.path().substring(1).split("/")) {
                path.append('/');
                if (segment.startsWith("{")) {
                    Value value = call.pathIds().get(next++);
                    String id = value instanceof Fitting fitting
                            ? fitting.resolve(this, segment.substring(1, segment.length() - 1)) : value.resolve(this);
                    path.append(id == null || id.isEmpty() ? "%20" : URLEncoder.encode(id, StandardCharsets.UTF_8));
                } else {
                    path.append(segment);
                }
            }
            String query = call.query().stream()
                    .map(param -> URLEncoder.encode(param.name(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(String.valueOf(param.value().resolve(this)), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            Map<String, String> headers = new TreeMap<>();
            if (route.path().startsWith(SCIM) && call.caller() instanceof Named named) {
                // A JWT is no credential here: the callers without a directory token send theirs, as a portal would.
                headers.put("authorization", "Bearer " + directoryTokens.getOrDefault(named,
                        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdCJ9.c2lnbmF0dXJl"));
            }
            for (Param other : call.headers().others()) headers.put(other.name(), other.value().resolve(this));
            String key = call.headers().idempotencyKey().resolve(this);
            if (key != null) headers.put(call.headers().keyHeader(), key);
            String contentType = call.headers().contentType().resolve(this);
            if (contentType != null) headers.put("content-type", contentType);
            String body = body(call);
            boolean base64 = call.headers().encoding() != Encoding.PLAIN;
            switch (call.headers().encoding()) {
                case BASE64 -> body = body == null ? null
                        : Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
                case BASE64_OF_BAD_UTF8 -> body = Base64.getEncoder().encodeToString(new byte[]{'{', '"', (byte) 0xC3,
                        (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}'});
                default -> {
                }
            }
            return new Sent(new InProcessApi.RawRequest(call.caller().claims(this), route.method(), path.toString(),
                    query.isEmpty() ? null : query, headers, body, base64));
        }

        private String body(Call call) {
            if (call.body() instanceof RawBody raw) return raw.text();
            if (!(call.body() instanceof Mutated mutated)) return null;
            ObjectNode valid = validBody(call.route());
            return mutate(valid, mutated);
        }
    }

    /** The valid body with the mutation applied at the {@code at}-th node (depth first), as text. */
    static String mutate(ObjectNode body, Mutated mutated) {
        List<Slot> slots = new ArrayList<>();
        slots(body, slots);
        JsonNode replacement = replacement(mutated.json());
        if (!slots.isEmpty()) {
            Slot slot = slots.get(mutated.at() % slots.size());
            switch (mutated.mutation()) {
                case REMOVE -> slot.remove();
                case SET_NULL -> slot.set(JSON.nullNode());
                case REPLACE -> slot.set(replacement);
                default -> {
                }
            }
        }
        String text = json(body);
        String first = body.fieldNames().hasNext() ? body.fieldNames().next() : "x";
        return switch (mutated.mutation()) {
            case ADD_UNKNOWN_FIELD -> "{\"unexpected\":" + json(replacement) + (body.isEmpty() ? "}" : "," + text.substring(1));
            case DUPLICATE_FIRST_FIELD -> "{" + json(first) + ":" + json(replacement) + (body.isEmpty() ? ","
                    + json(first) + ":1}" : "," + text.substring(1));
            case WRAP_IN_ARRAY -> "[" + text + "]";
            case TRAILING_GARBAGE -> text + (mutated.json() == null ? "x" : mutated.json());
            case UPPER_CASE_FIRST_FIELD -> text.replaceFirst("\"" + first + "\"", "\"" + first.toUpperCase() + "\"");
            default -> text;
        };
    }

    private static JsonNode replacement(String json) {
        if (json == null) return JSON.nullNode();
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    /** A place in a body: a field of an object or an element of an array. */
    record Slot(ContainerNode<?> parent, String field, int index) {
        void remove() {
            if (parent instanceof ObjectNode object) object.remove(field);
            else ((ArrayNode) parent).remove(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) object.set(field, value);
            else ((ArrayNode) parent).set(index, value);
        }
    }

    private static void slots(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String field : iterable(object.fieldNames())) {
                slots.add(new Slot(object, field, -1));
                slots(object.get(field), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                slots(array.get(i), slots);
            }
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** A request as resolved against the tree, printed as a person would want to read it. */
    record Sent(InProcessApi.RawRequest request) {
        @Override
        public String toString() {
            return request.method() + " " + abbreviate(request.path(), 300)
                    + (request.rawQuery() == null ? "" : "?" + abbreviate(request.rawQuery(), 300))
                    + "\n  claims " + abbreviate(String.valueOf(request.claims()), 300)
                    + "\n  headers " + abbreviate(String.valueOf(request.headers()), 300)
                    + "\n  body" + (request.base64() ? " (base64)" : "") + " "
                    + (request.body() == null ? "none" : abbreviate(request.body(), 300));
        }
    }

    // ---- helpers ----

    /**
     * {@code rare} one time in {@code n}, else {@code usual}. (jqwik draws small integers, and so
     * {@code frequencyOf}'s choices, with a bias towards the first; this one is uniform.)
     */
    static <T> Arbitrary<T> oneIn(int n, Arbitrary<T> rare, Arbitrary<T> usual) {
        return Arbitraries.integers().between(1, n).withDistribution(RandomDistribution.uniform())
                .flatMap(draw -> draw == 1 ? rare : usual);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJson(String text) {
        if (text == null || text.isEmpty()) return false;
        try {
            JSON.readTree(text);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String abbreviate(String text, int max) {
        if (text == null) return "null";
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    /** Calls per route and per status, and how long, for the summary line. */
    static final class Tally {
        final Map<String, Map<Integer, Integer>> routes = new TreeMap<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        final Map<String, Integer> violations = new TreeMap<>();
        final Map<String, String> examples = new TreeMap<>();
        int calls;
        int worlds;

        synchronized void violation(String cause, String example) {
            violations.merge(cause, 1, Integer::sum);
            examples.putIfAbsent(cause, example);
        }

        synchronized void count(SamTemplate.Route route, int status) {
            calls++;
            routes.computeIfAbsent(route.key(), key -> new TreeMap<>()).merge(status, 1, Integer::sum);
            statuses.merge(status, 1, Integer::sum);
        }
    }

    /** Tries from -Dhostile.tries, seed from -Dhostile.seed; the log captured; a summary printed at the end. */
    static final class Run implements AroundPropertyHook {
        /** The log lines of the functions, as they write them; cleared before each call. */
        static CapturedLogs LOGS;

        /** The WARN and ERROR lines logged since the last clear (a handler logs "unexpected failure" at ERROR). */
        static String warnings() {
            return String.join("\n", LOGS.text().stream()
                    .filter(line -> line.contains("\"level\":\"ERROR\"") || line.contains("\"level\":\"WARN\"")).toList());
        }

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            context.attributes().setTries(Integer.getInteger("hostile.tries", DEFAULT_TRIES));
            String seed = System.getProperty("hostile.seed");
            if (seed != null && !seed.isBlank()) context.attributes().setSeed(seed);
            LOGS = CapturedLogs.start();
            long start = System.nanoTime();
            try {
                PropertyExecutionResult result = property.execute();
                long seconds = (System.nanoTime() - start) / 1_000_000_000;
                System.out.printf("hostile input: %d calls to %d of %d routes in %d s (%d trees), seed %s, %s; statuses %s%n",
                        TALLY.calls, TALLY.routes.size(), ROUTES.size(), seconds, TALLY.worlds, result.seed().orElse("?"),
                        result.status(), TALLY.statuses);
                TALLY.routes.forEach((route, statuses) -> System.out.printf("  %-66s %s%n", route, statuses));
                TALLY.violations.forEach((cause, count) -> System.out.printf("VIOLATION x%d %s%n  e.g. %s%n", count,
                        cause, TALLY.examples.get(cause).replace("\n", "\n  ")));
                if (!TALLY.violations.isEmpty()) {
                    throw new AssertionError(TALLY.violations.size() + " kinds of violation; see the output");
                }
                return result;
            } finally {
                LOGS.close();
            }
        }
    }
}
