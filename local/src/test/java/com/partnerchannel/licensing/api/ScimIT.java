package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.InProcessApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.api.Scim.filter;
import static com.partnerchannel.licensing.api.Scim.patchOp;
import static com.partnerchannel.licensing.api.Scim.resources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SCIM service as identity providers use it, through the HTTP API against DynamoDB Local: discovery,
 * the request shapes of Entra ID and Okta (from their public SCIM documentation), seats taken, freed and
 * taken again, and SCIM errors.
 */
class ScimIT {
    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant partner = tenants.aDistributor();
    private final Tenants.Tenant customer = tenants.aCustomerUnder(partner);
    private final Scim scim = Scim.forCustomer(tenants, customer);

    @AfterEach
    void theSeatLedgerBalances() {
        Seats.assertLedgerBalances(tenants.table);
    }

    @Test
    void discoveryDescribesExactlyWhatIsSupported() {
        JsonNode config = scim.get("/ServiceProviderConfig").json();
        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
        assertThat(config.path("bulk").path("supported").asBoolean()).isFalse();
        assertThat(config.path("filter").path("maxResults").asInt()).isEqualTo(200);
        assertThat(config.path("authenticationSchemes").path(0).path("type").asText()).isEqualTo("oauthbearertoken");

        JsonNode types = scim.get("/ResourceTypes").json();
        assertThat(types.path("totalResults").asInt()).isEqualTo(1);
        assertThat(types.path("Resources").path(0).path("schemaExtensions").path(0).path("schema").asText())
                .isEqualTo(Scim.LICENCE);
        assertThat(scim.get("/ResourceTypes/User").json().path("endpoint").asText()).isEqualTo("/Users");
        assertThat(scim.get("/ResourceTypes/Group").status()).isEqualTo(404);

        List<JsonNode> schemas = resources(scim.get("/Schemas"));
        assertThat(schemas).extracting(s -> s.path("id").asText()).containsExactly(Scim.USER, Scim.LICENCE);
        JsonNode user = scim.get("/Schemas/" + Scim.USER).json();
        assertThat(user.path("attributes")).extracting(a -> a.path("name").asText())
                .containsExactly("userName", "name", "emails", "externalId", "active");
        InProcessApi.Response unknown = scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers()).containsEntry("Content-Type", "application/scim+json");
        assertThat(unknown.json().path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    @Test
    void entraIdLooksUpCreatesFindsAndDeletesAUser() {
        String pool = assign(5);
        // Entra first looks the user up, then creates it.
        assertThat(resources(scim.get("/Users" + filter("userName eq \"ann@acme.test\"")))).isEmpty();
        InProcessApi.Response createdResponse = scim.post("/Users", entraBody("ann@acme.test", "Ann", "Lee", "e-1"));
        assertThat(createdResponse.status()).as(createdResponse.toString()).isEqualTo(201);
        JsonNode created = createdResponse.json();
        String id = created.path("id").asText();
        assertThat(createdResponse.headers()).containsEntry("Location", "https://licensing.example/scim/v2/Users/" + id)
                .containsEntry("ETag", created.path("meta").path("version").asText());
        assertThat(created.path("userName").asText()).isEqualTo("ann@acme.test");
        assertThat(created.path("externalId").asText()).isEqualTo("e-1");
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("active");
        assertThat(learner(id).path("poolId").asText()).isEqualTo(pool);
        assertThat(learner(id).path("source").asText()).isEqualTo("directory");

        assertThat(resources(scim.get("/Users" + filter("externalId eq \"e-1\"")))).extracting(u -> u.path("id").asText())
                .containsExactly(id);
        assertThat(resources(scim.get("/Users" + filter("emails[type eq \"work\"].value eq \"ANN@acme.test\""))))
                .hasSize(1);
        assertThat(resources(scim.get("/Users" + filter("id eq \"" + id + "\"")))).hasSize(1);
        assertThat(resources(scim.get("/Users" + filter("userName eq \"ann@acme.test\" and externalId eq \"e-2\""))))
                .isEmpty();

        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
        assertThat(scim.get("/Users/" + id).status()).isEqualTo(404);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1); // only the manager's
    }

    @Test
    void entraIdsCapitalisedReplaceOpIsAReplace() {
        String id = scim.entraCreates("ann@acme.test", "Ann", "Lee", "e-1").path("id").asText();

        InProcessApi.Response changed = scim.patch("/Users/" + id, patchOp("""
                [{"op":"Replace","path":"name.familyName","value":"Lee-Smith"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"}]
                """));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("name").path("familyName").asText()).isEqualTo("Lee-Smith");
        assertThat(learner(id).path("lastName").asText()).isEqualTo("Lee-Smith");
    }

    @Test
    void entraIdDisablesWithTheStringFalseWhichFreesTheSeatAndEnablesWithTrue() {
        String pool = assign(5);
        JsonNode created = scim.entraCreates("ann@acme.test", "Ann", "Lee", "e-1");
        String id = created.path("id").asText();
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);

        JsonNode disabled = scim.patch("/Users/" + id, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")).json();

        assertThat(disabled.path("active").asBoolean()).isFalse();
        assertThat(disabled.path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("archived");
        assertThat(disabled.path("meta").path("version").asText()).isNotEqualTo(created.path("meta").path("version").asText());
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1); // only the manager's
        assertThat(counts().path("archived").asInt()).isEqualTo(1);

        JsonNode enabled = scim.patch("/Users/" + id, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]")).json();
        assertThat(enabled.path("active").asBoolean()).isTrue();
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);
    }

    @Test
    void entraIdsReplaceWithoutAPathSetsEachAttributeOfItsObject() {
        assign(5);
        String id = scim.entraCreates("ann@acme.test", "Ann", "Lee", "e-1").path("id").asText();

        JsonNode changed = scim.patch("/Users/" + id, patchOp("""
                [{"op":"Replace","value":{"active":"False","name.givenName":"Annie","externalId":"e-9","displayName":"Annie Lee"}}]
                """)).json();

        assertThat(changed.path("active").asBoolean()).isFalse();
        assertThat(changed.path("name").path("givenName").asText()).isEqualTo("Annie");
        assertThat(changed.path("externalId").asText()).isEqualTo("e-9");
        assertThat(changed.has("displayName")).as("not kept").isFalse();
        assertThat(learner(id).path("licenceStatus").asText()).isEqualTo("archived");
    }

    @Test
    void entraIdChangesTheWorkEmailByAFilteredPathWhichChangesUserName() {
        String id = scim.entraCreates("ann@acme.test", "Ann", "Lee", "e-1").path("id").asText();

        JsonNode changed = scim.patch("/Users/" + id, patchOp("""
                [{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"ann.lee@acme.test"}]
                """)).json();

        assertThat(changed.path("userName").asText()).isEqualTo("ann.lee@acme.test");
        assertThat(changed.path("emails").path(0).path("value").asText()).isEqualTo("ann.lee@acme.test");
        assertThat(resources(scim.get("/Users" + filter("userName eq \"ann@acme.test\"")))).isEmpty();
        assertThat(resources(scim.get("/Users" + filter("userName eq \"ann.lee@acme.test\"")))).hasSize(1);
        assertThat(learner(id).path("email").asText()).isEqualTo("ann.lee@acme.test");
        // The old address is free again: another user may have it.
        assertThat(scim.post("/Users", entraBody("ann@acme.test", "Another", "Ann", "e-2")).status()).isEqualTo(201);
    }

    @Test
    void oktaTestsTheConnectionThenDeactivatesByPatch() {
        String pool = assign(5);
        JsonNode probe = scim.get("/Users?startIndex=1&count=2").json();
        assertThat(probe.path("totalResults").asInt()).isEqualTo(1); // the manager
        assertThat(probe.path("itemsPerPage").asInt()).isEqualTo(1);
        JsonNode created = scim.oktaCreates("bo@acme.test", "Bo", "Diddley");
        String id = created.path("id").asText();
        assertThat(created.path("name").path("givenName").asText()).isEqualTo("Bo");

        JsonNode deactivated = scim.patch("/Users/" + id, patchOp("[{\"op\":\"replace\",\"value\":{\"active\":false}}]")).json();

        assertThat(deactivated.path("active").asBoolean()).isFalse();
        assertThat(counts().path("archived").asInt()).isEqualTo(1);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1);
    }

    @Test
    void oktaDeactivatesAndReactivatesByPut() {
        String pool = assign(5);
        String id = scim.oktaCreates("bo@acme.test", "Bo", "Diddley").path("id").asText();

        JsonNode deactivated = scim.put("/Users/" + id, oktaPut(id, "bo@acme.test", false)).json();
        assertThat(deactivated.path("active").asBoolean()).isFalse();
        assertThat(counts().path("archived").asInt()).isEqualTo(1);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(1);

        InProcessApi.Response reactivated = scim.put("/Users/" + id, oktaPut(id, "bo@acme.test", true));
        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(200);
        assertThat(reactivated.json().path("active").asBoolean()).isTrue();
        assertThat(reactivated.json().path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("active");
        assertThat(counts().path("archived").asInt()).isZero();
        assertThat(counts().path("active").asInt()).isEqualTo(2);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);
    }

    @Test
    void deprovisioningFreesASeatThatANewUserTakes() {
        String pool = assign(2); // the manager holds one
        String ann = scim.entraCreates("ann@acme.test", "Ann", "A", "e-ann").path("id").asText();
        JsonNode bob = scim.entraCreates("bob@acme.test", "Bob", "B", "e-bob");
        assertThat(bob.path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("unlicensed");

        scim.patch("/Users/" + ann, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}]"));
        JsonNode carl = scim.entraCreates("carl@acme.test", "Carl", "C", "e-carl");

        assertThat(carl.path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("active");
        assertThat(learner(carl.path("id").asText()).path("poolId").asText()).isEqualTo(pool);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);
    }

    @Test
    void reactivatedWithASeatFreeAUserTakesIt() {
        String pool = assign(3);
        String ann = scim.entraCreates("ann@acme.test", "Ann", "A", "e-ann").path("id").asText();
        scim.patch("/Users/" + ann, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}]"));

        JsonNode back = scim.patch("/Users/" + ann, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":true}]")).json();

        assertThat(back.path("active").asBoolean()).isTrue();
        assertThat(back.path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("active");
        assertThat(learner(ann).path("poolId").asText()).isEqualTo(pool);
        assertThat(counts().path("archived").asInt()).isZero();
        assertThat(counts().path("availableSeats").asInt()).isEqualTo(1);
    }

    @Test
    void reactivatedWithNoSeatFreeAUserIsUnlicensedAndTakesTheNextOrdersSeat() {
        String pool = assign(2); // the manager holds one
        String ann = scim.entraCreates("ann@acme.test", "Ann", "A", "e-ann").path("id").asText();
        scim.patch("/Users/" + ann, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}]"));
        scim.entraCreates("carl@acme.test", "Carl", "C", "e-carl"); // takes Ann's seat

        JsonNode back = scim.patch("/Users/" + ann, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":true}]")).json();

        assertThat(back.path("active").asBoolean()).isTrue();
        assertThat(back.path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("unlicensed");
        assertThat(counts().path("unlicensed").asInt()).isEqualTo(1);
        assertThat(Seats.allocated(tenants.table, pool)).isEqualTo(2);
        String next = assign(1);
        assertThat(learner(ann).path("poolId").asText()).isEqualTo(next);
        assertThat(scim.get("/Users/" + ann).json().path(Scim.LICENCE).path("licenceStatus").asText()).isEqualTo("active");
    }

    @Test
    void anExistingEmailIsAUniquenessConflictSoTheProviderMatchesInstead() {
        scim.entraCreates("dana@acme.test", "Dana", "D", "e-dana");

        InProcessApi.Response again = scim.post("/Users", entraBody("  DANA@Acme.test ", "Dana", "D", "e-dana"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.headers()).containsEntry("Content-Type", "application/scim+json");
        assertThat(again.json().path("scimType").asText()).isEqualTo("uniqueness");
        assertThat(again.json().path("status").asText()).isEqualTo("409");
        assertThat(resources(scim.get("/Users"))).hasSize(2); // the manager and Dana, once
    }

    @Test
    void usersArePagedByStartIndexAndCountAndShapedByAttributes() {
        for (int i = 1; i <= 5; i++) {
            tenants.clock.advance(java.time.Duration.ofSeconds(1)); // oldest first: a stable order to page
            scim.oktaCreates("u" + i + "@acme.test", "U" + i, "User");
        }

        JsonNode page = scim.get("/Users?startIndex=3&count=2").json();
        assertThat(page.path("totalResults").asInt()).isEqualTo(6);
        assertThat(page.path("startIndex").asInt()).isEqualTo(3);
        assertThat(page.path("Resources")).extracting(u -> u.path("userName").asText())
                .containsExactly("u2@acme.test", "u3@acme.test");
        assertThat(scim.get("/Users?startIndex=7").json().path("Resources")).isEmpty();
        assertThat(scim.get("/Users?count=0").json().path("totalResults").asInt()).isEqualTo(6);

        JsonNode slim = resources(scim.get("/Users" + filter("userName eq \"u1@acme.test\"") + "&attributes=userName,name.givenName")).get(0);
        assertThat(slim.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("schemas", "id", "userName", "name");
        assertThat(slim.path("name").properties()).extracting(Map.Entry::getKey).containsExactly("givenName");
        JsonNode without = resources(scim.get("/Users" + filter("userName eq \"u1@acme.test\"")
                + "&excludedAttributes=emails,meta," + Scim.LICENCE)).get(0);
        assertThat(without.has("emails")).isFalse();
        assertThat(without.has(Scim.LICENCE)).isFalse();
        assertThat(without.has("userName")).isTrue();
    }

    @Test
    void whatCannotBeDoneIsAScimErrorThatSaysWhy() {
        assertError(scim.get("/Users" + filter("userName co \"ann\"")), 400, "invalidFilter");
        assertError(scim.get("/Users" + filter("title eq \"boss\"")), 400, "invalidFilter");
        assertError(scim.get("/Users?startIndex=one"), 400, "invalidValue");
        assertError(scim.post("/Users", "{\"userName\":\"not-an-email\",\"active\":true}"), 400, "invalidValue");
        assertError(scim.post("/Users", "{\"name\":{\"givenName\":\"No\"}}"), 400, "invalidValue");
        assertError(scim.post("/Users", "[1,2]"), 400, "invalidSyntax");
        String id = scim.oktaCreates("eve@acme.test", "Eve", "E").path("id").asText();
        assertError(scim.patch("/Users/" + id, patchOp("[{\"op\":\"move\",\"path\":\"active\",\"value\":false}]")), 400, "invalidSyntax");
        assertError(scim.patch("/Users/" + id, patchOp("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]")), 400, "invalidValue");
        assertError(scim.patch("/Users/" + id, patchOp("[{\"op\":\"replace\",\"path\":\"" + Scim.LICENCE
                + ":licenceStatus\",\"value\":\"active\"}]")), 400, "mutability");
        assertError(scim.get("/Users/01M8T59EDRSV8801ZG4B03BYG2"), 404, null);
        assertError(scim.get("/Users/2819c223-7f76-453a-919d-413861904646"), 404, null);
        assertError(scim.patch("/Users/01M8T59EDRSV8801ZG4B03BYG2", patchOp("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]")), 404, null);
        assertError(scim.delete("/Users/01M8T59EDRSV8801ZG4B03BYG2"), 404, null);
        scim.oktaCreates("fay@acme.test", "Fay", "F");
        assertError(scim.patch("/Users/" + id, patchOp("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"FAY@acme.test\"}]")), 409, "uniqueness");
    }

    @Test
    void theDirectoryDeactivatingTheLastManagerArchivesItsLearnerOnlyAndCannotDeleteIt() {
        String pool = assign(1);
        String manager = customer.manager().userId().value();

        JsonNode archived = scim.patch("/Users/" + manager, patchOp("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")).json();

        assertThat(archived.path("active").asBoolean()).isFalse();
        assertThat(Seats.allocated(tenants.table, pool)).isZero();
        assertError(scim.delete("/Users/" + manager), 409, null);
        // Still the company's manager, still acting on it: the company is not locked out.
        JsonNode company = tenants.api.get(customer.manager(), "/companies/" + customer.companyId()).json();
        assertThat(company.path("managers")).extracting(m -> m.path("userId").asText()).containsExactly(manager);
        InProcessApi.Response token = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/directory-tokens", null);
        assertThat(token.status()).isEqualTo(201);
        // It can even take its seat back itself, and the directory sees it active again.
        InProcessApi.Response restored = tenants.api.post(customer.manager(), "/companies/" + customer.companyId()
                + "/learners/" + manager + "/restore", null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().path("licenceStatus").asText()).isEqualTo("active");
        assertThat(scim.get("/Users/" + manager).json().path("active").asBoolean()).isTrue();
    }

    private static void assertError(InProcessApi.Response response, int status, String scimType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/scim+json");
        JsonNode error = response.json();
        assertThat(error.path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.path("status").asText()).isEqualTo(Integer.toString(status));
        if (scimType == null) assertThat(error.has("scimType")).isFalse();
        else assertThat(error.path("scimType").asText()).isEqualTo(scimType);
        assertThat(error.path("detail").asText()).isNotBlank();
    }

    private static String entraBody(String email, String given, String family, String externalId) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"%s %s","familyName":"%s","givenName":"%s"},"roles":[]}
                """.formatted(externalId, email, email.strip(), given, family, family, given);
    }

    private static String oktaPut(String id, String email, boolean active) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"Bo","middleName":"","familyName":"Diddley"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Bo Diddley","locale":"en-US","externalId":"00u1dhhb1fkIGP7RL1d8","groups":[],"active":%s}
                """.formatted(id, email, email, active);
    }

    private String assign(int seats) {
        String orderId = tenants.anOrderFor(customer, seats);
        InProcessApi.Response assigned = tenants.api.post(partner.manager(), "/orders/" + orderId + "/assign", null);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return assigned.json().path("poolId").asText();
    }

    private JsonNode counts() {
        return tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/licences").json().path("counts");
    }

    /** The learner as the portal API shows it. */
    private JsonNode learner(String id) {
        JsonNode page = tenants.api.get(customer.manager(), "/companies/" + customer.companyId() + "/learners?limit=200").json();
        for (JsonNode learner : page.path("items")) if (learner.path("learnerId").asText().equals(id)) return learner;
        throw new AssertionError("no learner " + id);
    }
}
