package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.tenancy.model.Actor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route against every relation between the caller's company and the one it touches: own,
 * child, grandchild, parent, sibling, foreign. Ids of companies the caller cannot see answer 404 (not
 * 403), and a refused call leaves the table exactly as it was.
 *
 * <pre>
 *   Distributor ── MSP (the partner caller) ── Customer (the customer caller)
 *        │          ├── SubPartner ── SubSubPartner
 *        │          │        └── GrandchildCustomer
 *        │          └── SiblingCustomer
 *        └── SiblingMsp ── SiblingMspCustomer
 *   Foreign ── ForeignCustomer
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {
    private final Tenants tenants = new Tenants();
    private Tenants.Tenant distributor, msp, customer, subPartner, subSubPartner, grandchildCustomer, siblingCustomer,
            siblingMsp, siblingMspCustomer, foreign, foreignCustomer;

    @BeforeAll
    void buildTheTree() {
        distributor = tenants.aDistributor();
        msp = tenants.anMspUnder(distributor);
        customer = tenants.aCustomerUnder(msp);
        subPartner = tenants.anMspUnder(msp);
        subSubPartner = tenants.anMspUnder(subPartner);
        grandchildCustomer = tenants.aCustomerUnder(subPartner);
        siblingCustomer = tenants.aCustomerUnder(msp);
        siblingMsp = tenants.anMspUnder(distributor);
        siblingMspCustomer = tenants.aCustomerUnder(siblingMsp);
        foreign = tenants.aDistributor();
        foreignCustomer = tenants.aCustomerUnder(foreign);
    }

    private record Case(String name, Supplier<InProcessApi.Response> call, int expected) {
    }

    @TestFactory
    List<DynamicTest> everyRouteAgainstEveryRelation() {
        List<Case> cases = new ArrayList<>();
        Actor partner = msp.manager();
        Actor customerManager = customer.manager();

        // Reads of one company: own, child, grandchild visible; parent, sibling, foreign do not exist.
        for (String route : List.of("/companies/%s", "/companies/%s/licences", "/companies/%s/orders")) {
            read(cases, "partner", partner, route, msp, "own", 200);
            read(cases, "partner", partner, route, customer, "child", 200);
            read(cases, "partner", partner, route, grandchildCustomer, "grandchild", 200);
            read(cases, "partner", partner, route, distributor, "parent", 404);
            read(cases, "partner", partner, route, siblingMsp, "sibling", 404);
            read(cases, "partner", partner, route, foreign, "foreign", 404);
            read(cases, "customer", customerManager, route, customer, "own", 200);
            read(cases, "customer", customerManager, route, msp, "parent", 404);
            read(cases, "customer", customerManager, route, siblingCustomer, "sibling", 404);
            read(cases, "customer", customerManager, route, foreignCustomer, "foreign", 404);
        }
        // The subtree views, narrowed to a company.
        for (String route : List.of("/orders?companyId=%s", "/companies?parentId=%s")) {
            read(cases, "partner", partner, route, msp, "own", 200);
            read(cases, "partner", partner, route, subPartner, "child", 200);
            read(cases, "partner", partner, route, subSubPartner, "grandchild", 200);
            read(cases, "partner", partner, route, distributor, "parent", 404);
            read(cases, "partner", partner, route, siblingMsp, "sibling", 404);
            read(cases, "partner", partner, route, foreign, "foreign", 404);
            read(cases, "customer", customerManager, route, msp, "parent", 404);
            read(cases, "customer", customerManager, route, foreignCustomer, "foreign", 404);
        }

        // Creating a company under: own, child, grandchild partners; parent, sibling, foreign do not exist.
        create(cases, "partner", partner, msp, "own", 201);
        create(cases, "partner", partner, subPartner, "child", 201);
        create(cases, "partner", partner, subSubPartner, "grandchild", 201);
        create(cases, "partner", partner, distributor, "parent", 404);
        create(cases, "partner", partner, siblingMsp, "sibling", 404);
        create(cases, "partner", partner, foreign, "foreign", 404);
        create(cases, "customer", customerManager, customer, "own", 403);
        create(cases, "customer", customerManager, msp, "parent", 404);
        create(cases, "customer", customerManager, foreign, "foreign", 404);

        // Requesting licences for: child and grandchild customers; own customer company.
        order(cases, "partner", partner, customer, "child", 201);
        order(cases, "partner", partner, grandchildCustomer, "grandchild", 201);
        order(cases, "partner", partner, siblingMspCustomer, "sibling's customer", 404);
        order(cases, "partner", partner, foreignCustomer, "foreign", 404);
        order(cases, "partner", partner, msp, "own (a partner)", 400);
        order(cases, "customer", customerManager, customer, "own", 201);
        order(cases, "customer", customerManager, siblingCustomer, "sibling", 404);
        order(cases, "customer", customerManager, msp, "parent", 404);
        order(cases, "customer", customerManager, foreignCustomer, "foreign", 404);

        // One order: read, assign, reject (partners above), cancel (the requester's company).
        for (String action : List.of("read", "assign", "reject", "cancel")) {
            boolean partnerAct = action.equals("assign") || action.equals("reject");
            onOrder(cases, action, "partner", partner, customer, "child", action.equals("cancel") ? 403 : 200);
            onOrder(cases, action, "partner", partner, grandchildCustomer, "grandchild", action.equals("cancel") ? 403 : 200);
            onOrder(cases, action, "partner", partner, siblingMspCustomer, "sibling's customer", 404);
            onOrder(cases, action, "partner", partner, foreignCustomer, "foreign", 404);
            onOrder(cases, action, "customer", customerManager, customer, "own", partnerAct ? 403 : 200);
            onOrder(cases, action, "customer", customerManager, siblingCustomer, "sibling", 404);
            onOrder(cases, action, "customer", customerManager, foreignCustomer, "foreign", 404);
        }

        // Learners call none of these routes.
        Actor learner = customer.learner();
        cases.add(new Case("learner → GET /companies/{own}", () -> tenants.api.get(learner, "/companies/" + customer.companyId()), 403));
        cases.add(new Case("learner → GET /companies", () -> tenants.api.get(learner, "/companies"), 403));
        cases.add(new Case("learner → GET /orders", () -> tenants.api.get(learner, "/orders"), 403));
        cases.add(new Case("learner → POST /companies/{own}/orders", () -> tenants.api.post(learner,
                "/companies/" + customer.companyId() + "/orders", Map.of("quantity", 1)), 403));
        cases.add(new Case("learner → POST /orders/{own}/cancel", () -> {
            String orderId = tenants.anOrderFor(customer, 1);
            return tenants.api.post(learner, "/orders/" + orderId + "/cancel", null);
        }, 403));

        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " answers " + c.expected(), () -> check(c)))
                .toList();
    }

    private void check(Case c) {
        if (c.expected() >= 400) {
            // Some cases create their order first; the snapshot is taken inside the call for those.
            Refusal refusal = new Refusal();
            InProcessApi.Response response = refusal.observe(c.call());
            assertThat(response.status()).as(response.toString()).isEqualTo(c.expected());
            assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
            refusal.assertNothingChanged();
        } else {
            InProcessApi.Response response = c.call().get();
            assertThat(response.status()).as(response.toString()).isEqualTo(c.expected());
        }
    }

    /** Snapshots the table just before the refused call (after any set-up the case does) and after it. */
    private final class Refusal {
        private List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> before;

        InProcessApi.Response observe(Supplier<InProcessApi.Response> call) {
            pending = () -> before = LocalDynamoDb.snapshot(tenants.table);
            try {
                InProcessApi.Response response = call.get();
                if (before == null) before = LocalDynamoDb.snapshot(tenants.table);
                return response;
            } finally {
                pending = null;
            }
        }

        void assertNothingChanged() {
            assertThat(LocalDynamoDb.snapshot(tenants.table)).isEqualTo(before);
        }
    }

    /** Set by a refusal in progress: cases call {@link #beforeTheCall()} once their set-up is done. */
    private Runnable pending;

    private void beforeTheCall() {
        if (pending != null) pending.run();
    }

    private void read(List<Case> cases, String who, Actor actor, String route, Tenants.Tenant target, String relation,
                      int expected) {
        String path = route.formatted(target.companyId());
        cases.add(new Case(who + " → GET " + route.formatted("{" + relation + "}"), () -> {
            beforeTheCall();
            return tenants.api.get(actor, path);
        }, expected));
    }

    private void create(List<Case> cases, String who, Actor actor, Tenants.Tenant parent, String relation, int expected) {
        cases.add(new Case(who + " → POST /companies under {" + relation + "}", () -> {
            beforeTheCall();
            return tenants.api.post(actor, "/companies", Map.of("name", "Made by " + who, "kind", "customer",
                    "parentId", parent.companyId(), "managers", List.of(Map.of("email", "it@made.test"))));
        }, expected));
    }

    private void order(List<Case> cases, String who, Actor actor, Tenants.Tenant target, String relation, int expected) {
        cases.add(new Case(who + " → POST /companies/{" + relation + "}/orders", () -> {
            beforeTheCall();
            return tenants.api.post(actor, "/companies/" + target.companyId() + "/orders", Map.of("quantity", 5));
        }, expected));
    }

    private void onOrder(List<Case> cases, String action, String who, Actor actor, Tenants.Tenant owner,
                         String relation, int expected) {
        String route = switch (action) {
            case "read" -> "GET /orders/{" + relation + "'s order}";
            default -> "POST /orders/{" + relation + "'s order}/" + action;
        };
        cases.add(new Case(who + " → " + route, () -> {
            String orderId = tenants.anOrderFor(owner, 2);
            beforeTheCall();
            return switch (action) {
                case "read" -> tenants.api.get(actor, "/orders/" + orderId);
                case "reject" -> tenants.api.post(actor, "/orders/" + orderId + "/reject", Map.of("reason", "not now"));
                default -> tenants.api.post(actor, "/orders/" + orderId + "/" + action, null);
            };
        }, expected));
    }
}
