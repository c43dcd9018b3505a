package com.partnerchannel.licensing.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service says about itself (RFC 7643 §5–7, RFC 7644 §4): exactly what it supports: Users only,
 * PATCH, filters of eq and and (200 results at most), no bulk, no sort, no password change, ETags as
 * {@code meta.version}, a bearer token (the directory token).
 */
public final class ScimDiscovery {
    public static final int MAX_RESULTS = 200;

    private ScimDiscovery() {
    }

    public static Map<String, Object> serviceProviderConfig(String baseUrl) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schemas", List.of(ScimSchemas.SERVICE_PROVIDER_CONFIG));
        config.put("documentationUri", "https://licensing.partnerchannel.com/docs/directory-sync");
        config.put("patch", Map.of("supported", true));
        config.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        config.put("filter", Map.of("supported", true, "maxResults", MAX_RESULTS));
        config.put("changePassword", Map.of("supported", false));
        config.put("sort", Map.of("supported", false));
        config.put("etag", Map.of("supported", true));
        config.put("authenticationSchemes", List.of(Map.of(
                "type", "oauthbearertoken",
                "name", "Directory token",
                "description", "Authorization: Bearer <directory token>; a customer's manager makes one with"
                        + " POST /companies/{companyId}/directory-tokens. The token alone names the company.",
                "primary", true)));
        config.put("meta", meta("ServiceProviderConfig", baseUrl + "/ServiceProviderConfig"));
        return config;
    }

    public static List<Map<String, Object>> resourceTypes(String baseUrl) {
        return List.of(userResourceType(baseUrl));
    }

    public static Optional<Map<String, Object>> resourceType(String id, String baseUrl) {
        return "User".equals(id) ? Optional.of(userResourceType(baseUrl)) : Optional.empty();
    }

    private static Map<String, Object> userResourceType(String baseUrl) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("schemas", List.of(ScimSchemas.RESOURCE_TYPE));
        type.put("id", "User");
        type.put("name", "User");
        type.put("endpoint", "/Users");
        type.put("description", "A learner of the token's company (its managers included)");
        type.put("schema", ScimSchemas.USER);
        type.put("schemaExtensions", List.of(Map.of("schema", ScimSchemas.LICENCE, "required", false)));
        type.put("meta", meta("ResourceType", baseUrl + "/ResourceTypes/User"));
        return type;
    }

    public static List<Map<String, Object>> schemas(String baseUrl) {
        return List.of(userSchema(baseUrl), licenceSchema(baseUrl));
    }

    public static Optional<Map<String, Object>> schema(String id, String baseUrl) {
        return schemas(baseUrl).stream().filter(schema -> schema.get("id").equals(id)).findFirst();
    }

    private static Map<String, Object> userSchema(String baseUrl) {
        Map<String, Object> name = attribute("name", "complex", "The user's names.", false, "readWrite", false);
        name.put("subAttributes", List.of(
                attribute("givenName", "string", "First name, up to 100 characters.", false, "readWrite", false),
                attribute("familyName", "string", "Last name, up to 100 characters.", false, "readWrite", false),
                attribute("formatted", "string", "givenName familyName.", false, "readOnly", false)));
        Map<String, Object> emails = attribute("emails", "complex",
                "The one work email, always userName's value. A PATCH of emails[type eq \"work\"].value changes userName.",
                true, "readWrite", false);
        emails.put("subAttributes", List.of(
                attribute("value", "string", "The email address.", false, "readWrite", false),
                attribute("type", "string", "Always work.", false, "readOnly", false),
                attribute("primary", "boolean", "Always true.", false, "readOnly", false)));
        Map<String, Object> userName = attribute("userName", "string",
                "The learner's email address, unique in the company (trimmed, any case).", false, "readWrite", true);
        userName.put("uniqueness", "server");
        return schema(ScimSchemas.USER, "User", "A learner of the token's company", List.of(
                userName, name, emails,
                attribute("externalId", "string", "The identity provider's id for the user, kept as sent.", false,
                        "readWrite", false),
                attribute("active", "boolean", "false: the learner is archived (no seat, records kept); true: restored.",
                        false, "readWrite", false)), baseUrl);
    }

    private static Map<String, Object> licenceSchema(String baseUrl) {
        return schema(ScimSchemas.LICENCE, "Licence", "The learner's licence, read-only", List.of(
                attribute("licenceStatus", "string", "active, expired, unlicensed or archived, as of now.", false,
                        "readOnly", false),
                attribute("licenceType", "string", "trial or premium; absent while unlicensed or archived.", false,
                        "readOnly", false),
                attribute("expiresAt", "dateTime", "When the licence ends; absent while unlicensed or archived.", false,
                        "readOnly", false)), baseUrl);
    }

    private static Map<String, Object> schema(String id, String name, String description,
                                              List<Map<String, Object>> attributes, String baseUrl) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("schemas", List.of(ScimSchemas.SCHEMA));
        schema.put("id", id);
        schema.put("name", name);
        schema.put("description", description);
        schema.put("attributes", attributes);
        schema.put("meta", meta("Schema", baseUrl + "/Schemas/" + id));
        return schema;
    }

    private static Map<String, Object> attribute(String name, String type, String description, boolean multiValued,
                                                 String mutability, boolean required) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", multiValued);
        attribute.put("description", description);
        attribute.put("required", required);
        attribute.put("caseExact", name.equals("externalId"));
        attribute.put("mutability", mutability);
        attribute.put("returned", "default");
        attribute.put("uniqueness", "none");
        return attribute;
    }

    private static Map<String, Object> meta(String resourceType, String location) {
        return Map.of("resourceType", resourceType, "location", location);
    }

    /** A ListResponse of every item (discovery lists are short). */
    public static Map<String, Object> list(List<?> resources) {
        return ScimResponses.list(resources, resources.size(), 1);
    }
}
