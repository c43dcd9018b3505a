package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of adding learners, renewing, deleting, assigning orders (new seats, or the upgrade
 * of a trial), creating customers and moving the clock, run against the API and against
 * {@link LicensingModel}, a plain in-memory statement of rules 1, 2 and 5–10 of product.md. After every
 * step each customer's learners (per licence status), pools, counts and plan must agree with the model,
 * and the seat ledger must balance. On a failure jqwik prints the seed and the steps.
 *
 * <p>The same comparison runs on two backends: {@code LicensingPropertiesTest} puts the handlers over the
 * in-memory adapters (many tries of long sequences, in the fast tier) and {@code LicensingPropertiesIT}
 * over DynamoDB Local (fewer and shorter, under {@code verify}); the port contracts keep the two alike.
 */
abstract class LicensingProperties {
    private static final List<String> NAMES = List.of("ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal",
            "ivy", "jon", "kim", "lee");
    private static final int MAX_CUSTOMERS = 3;

    /** Where the tenants live, and how to read back what it holds. */
    interface Backend {
        Tenants tenants();

        /** What the backend holds, per company id, in a form that compares equal when nothing changed. */
        Map<String, Object> itemsByCompany();

        void assertLedgerBalances();

        void close();

        /** How the steps call the API: as is, unless the backend makes AWS fail and callers resend. */
        default Caller caller() {
            return (api, actor, method, path, body) -> api.call(actor, method, path, body, Map.of());
        }

        /** What must hold once a sequence has run, beyond the comparison after every step. */
        default void afterRun(World world) {
        }
    }

    /** Sends one step's request to the API and gives back the answer the step acts on. */
    interface Caller {
        InProcessApi.Response call(InProcessApi api, Actor actor, String method, String path, Object body);
    }

    static Backend onDynamoDbLocal() {
        Tenants tenants = new Tenants();
        return new Backend() {
            @Override
            public Tenants tenants() {
                return tenants;
            }

            @Override
            public Map<String, Object> itemsByCompany() {
                return LocalDynamoDb.snapshot(tenants.table).stream()
                        .collect(Collectors.groupingBy(item -> item.get("PK").s().substring(2),
                                Collectors.collectingAndThen(Collectors.toList(), items -> (Object) items)));
            }

            @Override
            public void assertLedgerBalances() {
                Seats.assertLedgerBalances(tenants.table);
            }

            @Override
            public void close() {
                LocalDynamoDb.client().deleteTable(request -> request.tableName(tenants.table));
            }
        };
    }

    static Backend inMemory() {
        Tenants tenants = Tenants.inMemory();
        return new Backend() {
            @Override
            public Tenants tenants() {
                return tenants;
            }

            @Override
            public Map<String, Object> itemsByCompany() {
                Map<String, Object> items = new HashMap<>();
                tenants.memory.pools().forEach(pool -> items.put(pool.companyId().value(), null));
                tenants.memory.learners().forEach(learner -> items.put(learner.companyId().value(), null));
                items.replaceAll((id, none) -> tenants.memory.snapshotOf(new CompanyId(id)));
                return items;
            }

            @Override
            public void assertLedgerBalances() {
                Seats.assertLedgerBalances(tenants.memory);
            }

            @Override
            public void close() {
            }
        };
    }

    static void runAndCompare(ActionChain<World> chain) {
        World world = chain.withInvariant("the system agrees with the model of the rules", World::compare).run();
        world.reached.forEach(what -> Statistics.label("tries that saw").collect(what));
        world.backend.afterRun(world);
        world.backend.close();
    }

    static Arbitrary<ActionChain<World>> sequences(Supplier<Backend> backend, int steps) {
        return ActionChain.<World>startWith(() -> new World(backend.get()))
                .withAction(5, addLearners())
                .withAction(3, assignAnOrder())
                .withAction(3, renew())
                .withAction(2, deleteALearner())
                .withAction(4, advanceTheClock())
                .withAction(2, advanceToTheNextExpiry())
                .withAction(1, createACustomer())
                .withMaxTransformations(steps);
    }

    // ---- the actions ----

    private static Action.Dependent<World> addLearners() {
        return world -> customer(world).flatMap(c -> {
            String manager = world.customers.get(c).managerEmail();
            Arbitrary<String> someone = Combinators.combine(Arbitraries.of(NAMES), Arbitraries.integers().between(0, 3))
                    .as((name, style) -> styled(name + "@acme.test", style));
            Arbitrary<String> theManager = Arbitraries.integers().between(0, 3).map(style -> styled(manager, style));
            Arbitrary<String> row = Arbitraries.frequencyOf(Tuple.of(12, someone), Tuple.of(1, theManager),
                    Tuple.of(1, Arbitraries.just("not-an-email")));
            return row.list().ofMinSize(1).ofMaxSize(3).map(rows -> Transformer.<World>mutate(
                    "add " + rows.stream().map(r -> "'" + r + "'").toList() + " to customer " + c,
                    w -> w.add(c, rows)));
        });
    }

    private static Action.Dependent<World> assignAnOrder() {
        return world -> Combinators.combine(customer(world), Arbitraries.integers().between(1, 5)).as((c, seats) ->
                Transformer.<World>mutate("assign an order of " + seats + " for customer " + c, w -> w.assign(c, seats)));
    }

    private static Action.Dependent<World> renew() {
        return world -> customer(world).flatMap(c -> {
            Arbitrary<Transformer<World>> all = Arbitraries.just(Transformer.<World>mutate(
                    "renew all expired of customer " + c, w -> w.renew(c, true, List.of())));
            List<String> emails = new ArrayList<>(world.model.company(world.customers.get(c).id()).learners.keySet());
            Arbitrary<Transformer<World>> chosen = Arbitraries.subsetOf(emails).ofMinSize(1).ofMaxSize(3)
                    .map(set -> new ArrayList<>(new TreeSet<>(set)))
                    .map(list -> Transformer.<World>mutate("renew " + list + " of customer " + c,
                            w -> w.renew(c, false, list)));
            return Arbitraries.frequencyOf(Tuple.of(2, all), Tuple.of(3, chosen));
        });
    }

    private static Action.Dependent<World> deleteALearner() {
        return world -> customer(world).flatMap(c -> Arbitraries
                .of(new ArrayList<>(world.model.company(world.customers.get(c).id()).learners.keySet()))
                .map(email -> Transformer.<World>mutate("delete " + email + " of customer " + c, w -> w.delete(c, email))));
    }

    private static Action.Independent<World> advanceTheClock() {
        return () -> Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.integers().between(1, 59).map(m -> Duration.ofMinutes(m))),
                        Tuple.of(2, Arbitraries.integers().between(1, 23).map(h -> Duration.ofHours(h))),
                        Tuple.of(3, Arbitraries.integers().between(1, 12).map(d -> Duration.ofDays(d))),
                        Tuple.of(2, Arbitraries.integers().between(25, 35).map(d -> Duration.ofDays(d))),
                        Tuple.of(2, Arbitraries.integers().between(300, 400).map(d -> Duration.ofDays(d))))
                .map(d -> Transformer.<World>mutate("advance the clock " + d, w -> w.advance(d)));
    }

    /** To the next moment a pool, a trial or a licence ends, or a millisecond either side of it. */
    private static Action.Independent<World> advanceToTheNextExpiry() {
        return () -> Arbitraries.of(-1, 0, 0, 1).map(ms -> Transformer.<World>mutate(
                "advance the clock to the next expiry " + (ms == 0 ? "exactly" : (ms > 0 ? "+" : "") + ms + " ms"),
                w -> w.advanceToNextExpiry(Duration.ofMillis(ms))));
    }

    private static Action.Dependent<World> createACustomer() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World world) {
                return world.customers.size() < MAX_CUSTOMERS;
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World world) {
                return Arbitraries.of(LicensingModel.Plan.class).map(plan -> Transformer.<World>mutate(
                        "create a " + plan + " customer", w -> w.createCustomer(plan)));
            }
        };
    }

    private static Arbitrary<Integer> customer(World world) {
        return Arbitraries.integers().between(0, world.customers.size() - 1);
    }

    /** The same address as typed by different people: as is, in capitals, padded, capitalised. */
    private static String styled(String email, int style) {
        return switch (style) {
            case 0 -> email;
            case 1 -> email.toUpperCase(Locale.ROOT);
            case 2 -> "  " + email + " ";
            default -> Character.toUpperCase(email.charAt(0)) + email.substring(1);
        };
    }

    // ---- the system and the model side by side ----

    record Customer(Tenants.Tenant tenant, String managerEmail) {
        String id() {
            return tenant.companyId();
        }
    }

    static final class World {
        final Backend backend;
        final Tenants tenants;
        final Tenants.Tenant partner;
        final Caller caller;
        final LicensingModel model;
        final List<Customer> customers = new ArrayList<>();
        /** Per customer, learner email (normalised) → learnerId, as the last comparison read them. */
        final Map<String, Map<String, String>> learnerIds = new HashMap<>();
        int steps;
        /** What the sequence got to exercise, for jqwik's statistics. */
        final Set<String> reached = new TreeSet<>();
        /** The customers the current step acted on. */
        final Set<Integer> touched = new HashSet<>();
        /** The customers whose plan the current step may have changed (by an assignment, or creating it). */
        final Set<Integer> planned = new HashSet<>();
        /** Per customer, the clock at its last comparison through the API. */
        final Map<Integer, Instant> comparedAt = new HashMap<>();
        /** Per customer, its items in the table as the last comparison saw them. */
        final Map<Integer, Object> itemsSeen = new HashMap<>();

        World(Backend backend) {
            this.backend = backend;
            this.tenants = backend.tenants();
            this.caller = backend.caller();
            this.partner = createCompany(Tenants.PLATFORM_ADMIN, Map.of("name", "Distributor", "kind", "partner",
                    "managers", List.of(Map.of("email", "dist@example.com", "name", "Manager of the distributor"))));
            this.model = new LicensingModel(tenants.clock.instant());
            createCustomer(LicensingModel.Plan.premium);
            createCustomer(LicensingModel.Plan.trial);
            compare();
        }

        void createCustomer(LicensingModel.Plan plan) {
            if (customers.size() >= MAX_CUSTOMERS) return;
            int n = customers.size() + 1;
            Tenants.Tenant tenant = createCompany(partner.manager(), Map.of("name", "Customer " + n, "kind", "customer",
                    "plan", plan.name(), "parentId", partner.companyId(),
                    "managers", List.of(Map.of("email", "it" + n + "@example.com", "name", "Manager " + n))));
            String managerEmail = tenant.json().path("managers").path(0).path("email").asText();
            customers.add(new Customer(tenant, managerEmail));
            planned.add(customers.size() - 1);
            model.createCustomer(tenant.companyId(), plan, managerEmail);
            steps++;
        }

        /** A company made through the API, as {@link Tenants} makes one, and one of its managers as an actor. */
        private Tenants.Tenant createCompany(Actor creator, Map<String, Object> body) {
            InProcessApi.Response response = send(creator, "POST", "/companies", body);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            String id = response.json().path("companyId").asText();
            String managerId = response.json().path("managers").path(0).path("userId").asText();
            return new Tenants.Tenant(id, new Actor(new UserId(managerId), new CompanyId(id), Role.manager), response.json());
        }

        InProcessApi.Response send(Actor actor, String method, String path, Object body) {
            return caller.call(tenants.api, actor, method, path, body);
        }

        void advance(Duration duration) {
            tenants.clock.advance(duration);
            model.advance(duration);
            steps++;
        }

        void advanceToNextExpiry(Duration offset) {
            Instant now = model.now();
            model.companies().stream().flatMap(company -> Stream.of(
                            company.pools.stream().map(LicensingModel.Pool::expiresAt),
                            Stream.ofNullable(company.trialEndsAt),
                            company.learners.values().stream().map(l -> l.endsAt).filter(Objects::nonNull))
                    .flatMap(ends -> ends))
                    .map(end -> end.plus(offset)).filter(now::isBefore).min(Instant::compareTo)
                    .ifPresent(next -> {
                        advance(Duration.between(now, next));
                        reached.add("the clock on an expiry " + (offset.isZero() ? "exactly" : offset.isNegative()
                                ? "less a millisecond" : "plus a millisecond"));
                    });
        }

        void add(int index, List<String> emails) {
            if (index >= customers.size()) return;
            Customer customer = customers.get(index);
            touched.add(index);
            List<Map<String, Object>> rows = emails.stream()
                    .<Map<String, Object>>map(email -> Map.of("email", email, "firstName", "First", "lastName", "Last"))
                    .toList();
            InProcessApi.Response response = send(customer.tenant().manager(), "POST",
                    "/companies/" + customer.id() + "/learners", Map.of("learners", rows, "source", "manual"));
            LicensingModel.Added expected = model.add(customer.id(), emails);
            if (expected.rows().stream().allMatch(r -> r.outcome() == LicensingModel.Outcome.invalid)) {
                // Not one row could be added: the request is refused.
                assertThat(response.status()).as(step("add") + response).isEqualTo(400);
                reached.add("add: every row invalid, refused");
                steps++;
                return;
            }
            assertThat(response.status()).as(step("add") + response).isIn(200, 201);
            LicensingModel.Company company = model.company(customer.id());

            JsonNode answered = response.json().path("learners");
            Map<String, String> pools = new HashMap<>();
            for (int i = 0; i < emails.size(); i++) {
                JsonNode row = answered.path(i);
                LicensingModel.AddedRow want = expected.rows().get(i);
                assertThat(row.path("result").asText()).as(step("add") + "row " + (i + 1) + " '" + emails.get(i) + "': "
                        + row).isEqualTo(want.outcome().name());
                if (want.outcome() == LicensingModel.Outcome.created) pools.put(want.email(), text(row.path("poolId")));
            }
            model.settle(expected.seating(), pools);
            for (int i = 0; i < emails.size(); i++) {
                LicensingModel.AddedRow want = expected.rows().get(i);
                if (want.outcome() != LicensingModel.Outcome.created) {
                    reached.add("add: " + want.outcome());
                    continue;
                }
                LicensingModel.Learner learner = model.company(customer.id()).learners.get(want.email());
                reached.add("add: created " + model.status(learner) + " " + learner.licence
                        + (learner.licence == LicensingModel.Licence.none && company.plan == LicensingModel.Plan.trial
                        ? " (trial over)" : ""));
                assertThat(answered.path(i).path("licenceStatus").asText())
                        .as(step("add") + "the licence status answered for " + want.email())
                        .isEqualTo(model.status(learner).name());
            }
            long licensed = expected.rows().stream().filter(r -> r.outcome() == LicensingModel.Outcome.created)
                    .filter(r -> model.status(model.company(customer.id()).learners.get(r.email())) == LicensingModel.Status.active)
                    .count();
            assertThat(response.json().path("summary").path("licensed").asLong()).as(step("add") + "summary.licensed")
                    .isEqualTo(licensed);
            steps++;
        }

        void assign(int index, int seats) {
            if (index >= customers.size()) return;
            Customer customer = customers.get(index);
            touched.add(index);
            planned.add(index);
            LicensingModel.Company company = model.company(customer.id());
            String kind = company.plan == LicensingModel.Plan.trial ? "upgrade" : "new";
            InProcessApi.Response requested = send(customer.tenant().manager(), "POST",
                    "/companies/" + customer.id() + "/orders", Map.of("quantity", seats, "kind", kind));
            assertThat(requested.status()).as(step("request") + requested).isEqualTo(201);
            InProcessApi.Response assigned = send(partner.manager(), "POST",
                    "/orders/" + requested.json().path("orderId").asText() + "/assign", null);
            assertThat(assigned.status()).as(step("assign") + assigned).isEqualTo(200);
            assertThat(assigned.json().path("status").asText()).as(step("assign")).isEqualTo("assigned");
            String poolId = assigned.json().path("poolId").asText();

            long trialLearners = company.learners.values().stream()
                    .filter(l -> model.status(l) == LicensingModel.Status.active && l.licence == LicensingModel.Licence.trial).count();
            LicensingModel.Seating seating = model.assign(customer.id(), poolId, seats);
            reached.add("assign " + kind + (seating.count() > 0 ? ", unlicensed learners seated" : ""));
            if (kind.equals("upgrade") && trialLearners > 0) reached.add("assign upgrade, active trial licences ended");
            if (seating.count() > 0 && seating.count() < seating.candidates().size()) {
                reached.add("assign, some unlicensed learners left waiting");
            }
            Map<String, String> pools = new HashMap<>();
            for (JsonNode learner : listLearners(customer, "")) {
                pools.put(LicensingModel.normalise(learner.path("email").asText()), text(learner.path("poolId")));
            }
            model.settle(seating, pools);
            steps++;
        }

        void renew(int index, boolean allExpired, List<String> chosen) {
            if (index >= customers.size()) return;
            Customer customer = customers.get(index);
            touched.add(index);
            Map<String, String> ids = learnerIds.getOrDefault(customer.id(), Map.of());
            List<String> emails = chosen.stream().filter(ids::containsKey).toList();
            if (!allExpired && emails.isEmpty()) return; // a shrunk sequence deleted them, or never added them
            Map<String, Object> body = allExpired ? Map.of("allExpired", true)
                    : Map.of("learnerIds", emails.stream().map(ids::get).toList());
            InProcessApi.Response response = send(customer.tenant().manager(), "POST",
                    "/companies/" + customer.id() + "/allocations", body);
            LicensingModel.Renewed expected = model.renew(customer.id(), allExpired, emails);
            if (expected instanceof LicensingModel.Renewed.Refused refused) {
                assertThat(response.status()).as(step("renew") + "expected a refusal: " + refused + ", got "
                        + response).isEqualTo(409);
                assertThat(response.json().path("needed").asInt()).as(step("renew") + "needed").isEqualTo(refused.needed());
                assertThat(response.json().path("free").asInt()).as(step("renew") + "free").isEqualTo(refused.free());
                reached.add("renew " + (allExpired ? "all expired" : "chosen") + ": refused");
            } else if (expected instanceof LicensingModel.Renewed.Done done) {
                assertThat(response.status()).as(step("renew") + "expected " + done.renewed() + " renewed, got "
                        + response).isEqualTo(200);
                assertThat(response.json().path("renewed").asInt()).as(step("renew") + "renewed").isEqualTo(done.renewed());
                int skipped = 0;
                for (JsonNode reason : response.json().path("skipped")) skipped += reason.path("count").asInt();
                assertThat(skipped).as(step("renew") + "skipped").isEqualTo(done.skipped());
                Map<String, String> emailOfId = new HashMap<>();
                ids.forEach((email, id) -> emailOfId.put(id, email));
                Map<String, String> pools = new HashMap<>();
                for (JsonNode pool : response.json().path("pools")) {
                    for (JsonNode id : pool.path("learnerIds")) {
                        pools.put(LicensingModel.normalise(emailOfId.get(id.asText())), pool.path("poolId").asText());
                    }
                }
                model.settle(done.seating(), pools);
                reached.add("renew " + (allExpired ? "all expired" : "chosen") + ": "
                        + (done.renewed() > 0 ? "renewed" : "nothing to renew") + (done.skipped() > 0 ? ", some skipped" : ""));
            }
            steps++;
        }

        void delete(int index, String email) {
            if (index >= customers.size()) return;
            Customer customer = customers.get(index);
            touched.add(index);
            String learnerId = learnerIds.getOrDefault(customer.id(), Map.of()).get(email);
            if (learnerId == null) return;
            InProcessApi.Response response = send(customer.tenant().manager(), "DELETE",
                    "/companies/" + customer.id() + "/learners/" + learnerId, null);
            LicensingModel.Learner before = model.company(customer.id()).learners.get(email);
            boolean heldSeat = before != null && before.pool != null && !model.expired(before.pool);
            LicensingModel.Deleted expected = model.delete(customer.id(), email);
            reached.add("delete: " + expected + (heldSeat && expected == LicensingModel.Deleted.deleted ? ", seat freed" : ""));
            int status = switch (expected) {
                case deleted -> 204;
                case refusedManager -> 409;
                case unknown -> 404;
            };
            assertThat(response.status()).as(step("delete " + email) + response).isEqualTo(status);
            steps++;
        }

        // ---- the comparison after every step ----

        /**
         * Every customer the step acted on, and every customer once the clock moved, is compared through
         * the API: learners per licence status, pools and counts, and plan when it may have changed. A
         * customer that neither was acted on nor saw the clock move must be unchanged: its items in the
         * table are what the last comparison saw (no step on one tenant touches another).
         */
        void compare() {
            assertThat(tenants.clock.instant()).isEqualTo(model.now());
            for (LicensingModel.Company company : model.companies()) {
                if (company.pools.stream().anyMatch(model::expired)) reached.add("an expired pool");
                if (company.plan == LicensingModel.Plan.trial && !model.now().isBefore(company.trialEndsAt)) {
                    reached.add("a trial that ran out");
                }
                if (company.learners.values().stream().anyMatch(l -> l.licence == LicensingModel.Licence.premium
                        && model.status(l) == LicensingModel.Status.expired)) {
                    reached.add("an expired premium licence");
                }
            }
            Set<Integer> unchanged = new HashSet<>();
            for (int i = 0; i < customers.size(); i++) {
                if (touched.contains(i) || !model.now().equals(comparedAt.get(i))) {
                    compare(i, customers.get(i));
                    comparedAt.put(i, model.now());
                } else {
                    unchanged.add(i);
                }
            }
            Map<String, Object> items = backend.itemsByCompany();
            for (int i = 0; i < customers.size(); i++) {
                Object now = items.get(customers.get(i).id());
                if (unchanged.contains(i)) {
                    assertThat(now).as("after step " + steps + ": customer " + i + " was not acted on and the clock"
                            + " did not move, yet its items changed").isEqualTo(itemsSeen.get(i));
                }
                itemsSeen.put(i, now);
            }
            touched.clear();
            planned.clear();
            backend.assertLedgerBalances();
        }

        private void compare(int index, Customer customer) {
            LicensingModel.Company company = model.company(customer.id());
            String where = "after step " + steps + " at " + model.now() + ", customer " + index + " (" + company.plan + "): ";
            compareLearners(where, customer, company);
            comparePools(where, customer, company);
            if (planned.contains(index)) {
                InProcessApi.Response read = send(customer.tenant().manager(), "GET", "/companies/" + customer.id(), null);
                assertThat(read.status()).as(where + read).isEqualTo(200);
                assertThat(read.json().path("plan").asText()).as(where + "plan").isEqualTo(company.plan.name());
                assertThat(instant(read.json().path("trialEndsAt"))).as(where + "trialEndsAt").isEqualTo(company.trialEndsAt);
                compareCounts(where + "company.licences ", read.json().path("licences"), company);
            }
        }

        private void compareLearners(String where, Customer customer, LicensingModel.Company company) {
            Map<String, JsonNode> seen = new TreeMap<>();
            Map<String, String> ids = new HashMap<>();
            for (LicensingModel.Status status : LicensingModel.Status.values()) {
                List<JsonNode> listed = listLearners(customer, "licenceStatus=" + status);
                Set<String> emails = new TreeSet<>();
                for (JsonNode learner : listed) {
                    String email = LicensingModel.normalise(learner.path("email").asText());
                    assertThat(learner.path("licenceStatus").asText()).as(where + email + " listed under " + status)
                            .isEqualTo(status.name());
                    assertThat(seen.put(email, learner)).as(where + email + " is listed under two statuses").isNull();
                    ids.put(email, learner.path("learnerId").asText());
                    emails.add(email);
                }
                Set<String> expected = company.learners.values().stream().filter(l -> model.status(l) == status)
                        .map(l -> l.email).collect(Collectors.toCollection(TreeSet::new));
                assertThat(emails).as(where + "learners listed with licenceStatus=" + status + "; model: "
                        + describe(company)).isEqualTo(expected);
            }
            learnerIds.put(customer.id(), ids);

            for (LicensingModel.Learner learner : company.learners.values()) {
                JsonNode listed = seen.get(learner.email);
                String who = where + learner.email + " ";
                assertThat(text(listed.path("licenceType"))).as(who + "licenceType")
                        .isEqualTo(learner.licence == LicensingModel.Licence.none ? null : learner.licence.name());
                assertThat(instant(listed.path("expiresAt"))).as(who + "expiresAt").isEqualTo(learner.endsAt);
                assertThat(text(listed.path("poolId"))).as(who + "poolId")
                        .isEqualTo(learner.pool == null ? null : learner.pool.id());
                assertThat(listed.path("role").asText()).as(who + "role").isEqualTo(learner.manager ? "manager" : "learner");
            }
        }

        private void comparePools(String where, Customer customer, LicensingModel.Company company) {
            InProcessApi.Response licencesResponse = send(customer.tenant().manager(), "GET",
                    "/companies/" + customer.id() + "/licences", null);
            assertThat(licencesResponse.status()).as(where + licencesResponse).isEqualTo(200);
            JsonNode licences = licencesResponse.json();
            Map<String, JsonNode> pools = new LinkedHashMap<>();
            licences.path("pools").forEach(pool -> pools.put(pool.path("poolId").asText(), pool));
            assertThat(pools.keySet()).as(where + "pools")
                    .containsExactlyInAnyOrderElementsOf(company.pools.stream().map(LicensingModel.Pool::id).toList());
            for (LicensingModel.Pool pool : company.pools) {
                JsonNode listed = pools.get(pool.id());
                String which = where + "pool " + pool.id() + " (" + pool.seats() + " seats to " + pool.expiresAt() + ") ";
                assertThat(listed.path("seats").asInt()).as(which + "seats").isEqualTo(pool.seats());
                assertThat(listed.path("allocated").asInt()).as(which + "allocated").isEqualTo(model.allocated(company, pool));
                assertThat(listed.path("available").asInt()).as(which + "available").isEqualTo(model.available(company, pool));
                assertThat(listed.path("status").asText()).as(which + "status").isEqualTo(model.expired(pool) ? "expired" : "active");
                assertThat(instant(listed.path("startsAt"))).as(which + "startsAt").isEqualTo(pool.startsAt());
                assertThat(instant(listed.path("expiresAt"))).as(which + "expiresAt").isEqualTo(pool.expiresAt());
            }
            compareCounts(where + "licences.counts ", licences.path("counts"), company);
        }

        private void compareCounts(String where, JsonNode counts, LicensingModel.Company company) {
            assertThat(counts.path("active").asLong()).as(where + "active").isEqualTo(model.count(company, LicensingModel.Status.active));
            assertThat(counts.path("expired").asLong()).as(where + "expired").isEqualTo(model.count(company, LicensingModel.Status.expired));
            assertThat(counts.path("unlicensed").asLong()).as(where + "unlicensed")
                    .isEqualTo(model.count(company, LicensingModel.Status.unlicensed));
            assertThat(counts.path("availableSeats").asInt()).as(where + "availableSeats").isEqualTo(model.freeSeats(company));
        }

        private List<JsonNode> listLearners(Customer customer, String query) {
            InProcessApi.Response response = send(customer.tenant().manager(), "GET",
                    "/companies/" + customer.id() + "/learners?limit=200" + (query.isEmpty() ? "" : "&" + query), null);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(text(response.json().path("nextCursor"))).as("one page holds every learner").isNull();
            List<JsonNode> items = new ArrayList<>();
            response.json().path("items").forEach(items::add);
            return items;
        }

        private String describe(LicensingModel.Company company) {
            return company.learners.values().stream().map(l -> l.email + "=" + model.status(l) + "/" + l.licence
                    + (l.pool == null ? "" : "@" + l.pool.expiresAt()) + (l.endsAt == null ? "" : " to " + l.endsAt))
                    .collect(Collectors.joining(", ", "[", "]"));
        }

        private String step(String what) {
            return "step " + (steps + 1) + " (" + what + ") at " + model.now() + ": ";
        }

        @Override
        public String toString() {
            return "World[" + customers.size() + " customers, " + steps + " steps, now " + model.now() + "]";
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        String text = text(node);
        return text == null ? null : Instant.parse(text);
    }
}
