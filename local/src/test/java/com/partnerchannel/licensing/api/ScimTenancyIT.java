package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;
import com.partnerchannel.licensing.testing.SamTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.partnerchannel.licensing.api.Scim.filter;
import static com.partnerchannel.licensing.api.Scim.patchOp;
import static com.partnerchannel.licensing.api.Scim.resources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A directory token acts on its own company only, and only on /scim/v2: another company's user is not
 * found, a revoked, unknown or malformed token (or a portal JWT) is a 401 on every SCIM route.
 */
class ScimTenancyIT {
    private final Tenants tenants = new Tenants();
    private final Tenants.Tenant partner = tenants.aDistributor();
    private final Tenants.Tenant acme = tenants.aCustomerUnder(partner);
    private final Tenants.Tenant globex = tenants.aCustomerUnder(partner);
    private final Scim acmeDirectory = Scim.forCustomer(tenants, acme);
    private final Scim globexDirectory = Scim.forCustomer(tenants, globex);

    @Test
    void aTokenOfOneCompanyFindsNoUserOfAnotherOnAnyRoute() {
        String globexUser = globexDirectory.oktaCreates("gail@globex.test", "Gail", "G").path("id").asText();
        String path = "/Users/" + globexUser;

        assertThat(acmeDirectory.get(path).status()).isEqualTo(404);
        assertThat(acmeDirectory.put(path, "{\"userName\":\"gail@globex.test\",\"active\":false}").status()).isEqualTo(404);
        assertThat(acmeDirectory.patch(path, patchOp("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]")).status())
                .isEqualTo(404);
        assertThat(acmeDirectory.delete(path).status()).isEqualTo(404);
        assertThat(resources(acmeDirectory.get("/Users" + filter("userName eq \"gail@globex.test\"")))).isEmpty();
        assertThat(resources(acmeDirectory.get("/Users" + filter("id eq \"" + globexUser + "\"")))).isEmpty();
        assertThat(resources(acmeDirectory.get("/Users"))).extracting(u -> u.path("userName").asText())
                .noneMatch(name -> name.endsWith("@globex.test"));
        // The same email is another company's own user: no clash across tenants.
        assertThat(acmeDirectory.post("/Users", "{\"userName\":\"gail@globex.test\"}").status()).isEqualTo(201);

        assertThat(globexDirectory.get(path).json().path("active").asBoolean()).as("untouched").isTrue();
    }

    @Test
    void aRevokedUnknownMalformedOrMissingTokenOrAPortalJwtIsRefusedOnEverySCIMRoute() {
        String tokenId = tenants.api.get(acme.manager(), "/companies/" + acme.companyId() + "/directory-tokens").json()
                .path("items").path(0).path("tokenId").asText();
        String revoked = acmeDirectory.token();
        assertThat(tenants.api.call(acme.manager(), "DELETE", "/companies/" + acme.companyId() + "/directory-tokens/"
                + tokenId, null, Map.of()).status()).isEqualTo(204);
        String unknown = revoked.substring(0, revoked.length() - 52) + "0".repeat(52);
        String otherCompanysIds = "pcldt_" + globex.companyId() + revoked.substring(32);
        List<String> refused = List.of(revoked, unknown, otherCompanysIds, "pcldt_short", "not-a-token",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdCJ9.c2lnbmF0dXJl");

        for (SamTemplate.Route route : scimRoutes()) {
            String path = route.path().replace("{userId}", "01M8T59EDRSV8801ZG4B03BYG2")
                    .replace("{schemaId}", Scim.USER).replace("{resourceTypeId}", "User").substring("/scim/v2".length());
            String body = List.of("POST", "PUT", "PATCH").contains(route.method()) ? "{\"userName\":\"x@acme.test\"}" : null;
            for (String token : refused) {
                InProcessApi.Response response = acmeDirectory.withToken(token).send(route.method(), path, body);
                assertThat(response.status()).as(route.key() + " with " + token).isEqualTo(401);
                assertThat(response.headers()).containsEntry("Content-Type", "application/scim+json");
            }
            assertThat(acmeDirectory.withToken(null).send(route.method(), path, body).status()).as(route.key()).isEqualTo(401);
        }
        assertThat(resources(globexDirectory.get("/Users"))).hasSize(1); // globex's own token still works
    }

    @Test
    void theScimRoutesAreExactlyTheOnesWithoutTheJwtAuthorizer() {
        for (SamTemplate.Function function : SamTemplate.load().functions()) {
            for (SamTemplate.Route route : function.routes()) {
                assertThat(route.authorized()).as(route.key()).isEqualTo(!route.path().startsWith("/scim/v2/"));
            }
        }
        assertThat(scimRoutes()).hasSize(11);
    }

    private static List<SamTemplate.Route> scimRoutes() {
        return SamTemplate.load().functions().stream().flatMap(f -> f.routes().stream())
                .filter(r -> r.path().startsWith("/scim/v2/")).toList();
    }
}
