package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.http.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small demo tree, made through the API as a platform admin would make it (the real handlers, the
 * real rules, no items written by hand): a distributor, an MSP under it, and two customers under the
 * MSP, one premium and one on trial, each with a manager.
 */
final class DemoSeed {
    static final LocalAuthorizer.Identity PLATFORM_ADMIN =
            new LocalAuthorizer.Identity("platform-admin", "PLATFORM", "platform_admin");

    private final LocalGateway gateway;
    private final String adminToken;

    private DemoSeed(LocalGateway gateway, LocalAuthorizer authorizer) {
        this.gateway = gateway;
        this.adminToken = authorizer.mint(PLATFORM_ADMIN);
    }

    static DemoTree seed(LocalGateway gateway, LocalAuthorizer authorizer) {
        return new DemoSeed(gateway, authorizer).seed();
    }

    private DemoTree seed() {
        DemoTree.Member distributor = create("distributor manager", company("Northwind Distribution", "partner", null,
                null, "dana@northwind.example.com", "Dana Distributor"));
        DemoTree.Member msp = create("MSP manager", company("Contoso Managed Services", "partner",
                distributor.companyId(), null, "max@contoso.example.com", "Max Provider"));
        DemoTree.Member premium = create("premium customer manager", company("Fabrikam Dental", "customer",
                msp.companyId(), "premium", "paula@fabrikam.example.com", "Paula Premium"));
        DemoTree.Member trial = create("trial customer manager", company("Tailspin Bakery", "customer",
                msp.companyId(), "trial", "tom@tailspin.example.com", "Tom Trial"));
        DemoTree.Member admin = new DemoTree.Member("platform admin", PLATFORM_ADMIN.companyId(), "the platform", PLATFORM_ADMIN);
        return new DemoTree(admin, distributor, msp, premium, trial);
    }

    private static Map<String, Object> company(String name, String kind, String parentId, String plan, String email,
                                               String managerName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        if (parentId != null) body.put("parentId", parentId);
        if (plan != null) body.put("plan", plan);
        body.put("managers", List.of(Map.of("email", email, "name", managerName)));
        return body;
    }

    private DemoTree.Member create(String label, Map<String, Object> body) {
        LocalGateway.Response response = gateway.handle(new LocalGateway.Request("POST", "/companies", null,
                Map.of("Authorization", "Bearer " + adminToken, "Content-Type", "application/json"), Json.write(body)));
        if (response.status() != 201) {
            throw new IllegalStateException("seeding " + body.get("name") + " failed: " + response.status() + " "
                    + response.body());
        }
        JsonNode company;
        try {
            company = Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("seeding " + body.get("name") + " answered no JSON: " + response.body(), e);
        }
        String companyId = company.path("companyId").asText();
        String managerId = company.path("managers").path(0).path("userId").asText();
        return new DemoTree.Member(label, companyId, company.path("name").asText(),
                new LocalAuthorizer.Identity(managerId, companyId, "manager"));
    }
}
