package com.partnerchannel.licensing.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.directory.model.DirectoryUser;
import com.partnerchannel.licensing.http.Json;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SCIM User resources to and from learners. {@code userName} is the learner's email (also rendered as
 * the one work email), {@code name.givenName}/{@code familyName} its names, {@code active} whether it is
 * not archived; the licence is in our read-only extension. Reading is lenient as identity providers
 * need: attribute names in any case, attributes we do not keep (displayName, locale, groups, the
 * enterprise extension…) accepted and ignored, booleans also as the strings Entra ID sends ("False").
 */
public final class ScimUsers {
    private static final String CORE_PREFIX = ScimSchemas.USER.toLowerCase(Locale.ROOT) + ":";
    private static final String LICENCE_PREFIX = ScimSchemas.LICENCE.toLowerCase(Locale.ROOT) + ":";
    private static final Pattern WORK_EMAIL = Pattern.compile("emails\\[\\s*type\\s+eq\\s+\"work\"\\s*\\]\\.value");

    private ScimUsers() {
    }

    // ---- reading ----

    /** A POST's or PUT's user. {@code active} left out: true on a POST, unchanged ({@code current}) on a PUT. */
    public static DirectoryUser read(String body, Optional<Learner> current) {
        JsonNode user = object(body);
        JsonNode name = field(user, "name");
        Optional<Boolean> active = Optional.ofNullable(field(user, "active")).map(value -> bool("active", value));
        return new DirectoryUser(text("userName", field(user, "userName")),
                name == null ? null : text("name.givenName", field(name, "givenName")),
                name == null ? null : text("name.familyName", field(name, "familyName")),
                Optional.ofNullable(text("externalId", field(user, "externalId"))),
                active.orElse(current.map(learner -> !learner.isArchived()).orElse(true)));
    }

    /** A PATCH (RFC 7644 §3.5.2) applied to the user as it is, with the shapes Entra ID and Okta send. */
    public static DirectoryUser patch(String body, Learner current) {
        JsonNode request = object(body);
        JsonNode operations = field(request, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimError.invalidSyntax("a PatchOp needs Operations, a non-empty list");
        }
        Draft draft = new Draft(current);
        for (JsonNode operation : operations) {
            if (!operation.isObject()) throw ScimError.invalidSyntax("each operation is an object");
            String op = Optional.ofNullable(text("op", field(operation, "op"))).orElse("")
                    .toLowerCase(Locale.ROOT);
            if (!List.of("add", "replace", "remove").contains(op)) {
                throw ScimError.invalidSyntax("op must be add, replace or remove");
            }
            String path = text("path", field(operation, "path"));
            JsonNode value = field(operation, "value");
            if (path == null || path.isBlank()) {
                if (op.equals("remove")) throw new ScimError(400, "noTarget", "remove needs a path");
                if (value == null || !value.isObject()) throw ScimError.invalidSyntax("an operation without a path takes an object value");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    draft.apply(op, entry.getKey(), entry.getValue());
                }
            } else {
                if (!op.equals("remove") && value == null) throw ScimError.invalidSyntax(op + " needs a value");
                draft.apply(op, path, value);
            }
        }
        return draft.user();
    }

    /** What a PATCH changes, on top of the user as it is. */
    private static final class Draft {
        private String userName;
        private String emailFromEmails;
        private boolean userNameSet;
        private String givenName;
        private String familyName;
        private Optional<String> externalId;
        private boolean active;

        Draft(Learner current) {
            userName = current.email();
            givenName = current.firstName();
            familyName = current.lastName();
            externalId = current.externalId();
            active = !current.isArchived();
        }

        void apply(String op, String rawPath, JsonNode value) {
            boolean remove = op.equals("remove");
            String path = rawPath.strip().toLowerCase(Locale.ROOT);
            if (path.startsWith(CORE_PREFIX)) path = path.substring(CORE_PREFIX.length());
            if (path.startsWith(LICENCE_PREFIX) || path.equals(ScimSchemas.LICENCE.toLowerCase(Locale.ROOT))) {
                throw new ScimError(400, "mutability", "the licence attributes are read-only");
            }
            switch (path) {
                case "active" -> {
                    if (remove) throw new ScimError(400, "mutability", "active cannot be removed");
                    active = bool("active", value);
                }
                case "username" -> {
                    if (remove) throw new ScimError(400, "mutability", "userName cannot be removed");
                    userName = required("userName", value);
                    userNameSet = true;
                }
                case "externalid" -> externalId = remove ? Optional.empty() : Optional.ofNullable(text("externalId", value));
                case "name" -> {
                    if (remove) {
                        givenName = "";
                        familyName = "";
                    } else {
                        if (!value.isObject()) throw ScimError.invalidValue("name is an object");
                        JsonNode given = field(value, "givenName");
                        JsonNode family = field(value, "familyName");
                        if (given != null) givenName = orEmpty(text("name.givenName", given));
                        if (family != null) familyName = orEmpty(text("name.familyName", family));
                    }
                }
                case "name.givenname" -> givenName = remove ? "" : orEmpty(text("name.givenName", value));
                case "name.familyname" -> familyName = remove ? "" : orEmpty(text("name.familyName", value));
                case "emails", "emails.value" -> {
                    if (!remove) emailFromEmails = email(value);
                }
                case "id", "meta" -> throw new ScimError(400, "mutability", path + " is read-only");
                default -> {
                    if (WORK_EMAIL.matcher(path).matches()) {
                        if (!remove) emailFromEmails = required("emails[type eq \"work\"].value", value);
                    }
                    // Anything else (displayName, title, locale, groups, the enterprise extension…) is
                    // accepted and not kept: a learner has no such attribute, and refusing would stop the sync.
                }
            }
        }

        DirectoryUser user() {
            String email = !userNameSet && emailFromEmails != null ? emailFromEmails : userName;
            return new DirectoryUser(email, givenName, familyName, externalId, active);
        }
    }

    /** The primary (else work, else first) email of an {@code emails} value, or the value itself. */
    private static String email(JsonNode value) {
        if (value.isTextual()) return value.asText();
        if (!value.isArray() || value.isEmpty()) throw ScimError.invalidValue("emails is a list of {value, type, primary}");
        JsonNode chosen = value.get(0);
        for (JsonNode email : value) {
            if (isTrue(field(email, "primary"))) {
                chosen = email;
                break;
            }
            if ("work".equalsIgnoreCase(Optional.ofNullable(field(email, "type")).map(JsonNode::asText).orElse(""))) {
                chosen = email;
            }
        }
        return required("emails.value", field(chosen, "value"));
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : node.asText().equalsIgnoreCase("true"));
    }

    private static JsonNode object(String body) {
        JsonNode node;
        try {
            node = Json.tree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            throw ScimError.invalidSyntax("the body is not JSON");
        }
        if (node == null || !node.isObject()) throw ScimError.invalidSyntax("the body must be a JSON object");
        return node;
    }

    /** A member of an object, its name compared without case (SCIM attribute names are case-insensitive). */
    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) return null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) return entry.getValue().isNull() ? null : entry.getValue();
        }
        return null;
    }

    private static String text(String name, JsonNode value) {
        if (value == null || value.isNull()) return null;
        if (value.isTextual()) return value.asText();
        // Entra ID sends some single values wrapped: [{"value": "…"}].
        if (value.isArray() && value.size() == 1 && field(value.get(0), "value") != null) {
            return text(name, field(value.get(0), "value"));
        }
        throw ScimError.invalidValue(name + " must be a string");
    }

    private static String required(String name, JsonNode value) {
        String text = text(name, value);
        if (text == null || text.isBlank()) throw ScimError.invalidValue(name + " must not be empty");
        return text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static boolean bool(String name, JsonNode value) {
        if (value != null && value.isBoolean()) return value.booleanValue();
        if (value != null && value.isTextual()) {
            if (value.asText().strip().equalsIgnoreCase("true")) return true;
            if (value.asText().strip().equalsIgnoreCase("false")) return false;
        }
        throw ScimError.invalidValue(name + " must be true or false");
    }

    // ---- writing ----

    public static Map<String, Object> resource(Learner learner, Company company, Instant now, String baseUrl) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("schemas", List.of(ScimSchemas.USER, ScimSchemas.LICENCE));
        user.put("id", learner.learnerId().value());
        learner.externalId().ifPresent(id -> user.put("externalId", id));
        user.put("userName", learner.email());
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("givenName", learner.firstName());
        name.put("familyName", learner.lastName());
        name.put("formatted", (learner.firstName() + " " + learner.lastName()).strip());
        user.put("name", name);
        user.put("emails", List.of(Map.of("value", learner.email(), "type", "work", "primary", true)));
        user.put("active", !learner.isArchived());
        Map<String, Object> licence = new LinkedHashMap<>();
        licence.put("licenceStatus", learner.statusAt(now, company).name());
        learner.licenceType().ifPresent(type -> licence.put("licenceType", type.name()));
        learner.endAt(company).filter(end -> !learner.isArchived()).ifPresent(end -> licence.put("expiresAt", end.toString()));
        user.put(ScimSchemas.LICENCE, licence);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", "User");
        meta.put("created", learner.createdAt().toString());
        meta.put("lastModified", learner.updatedAt().orElse(learner.createdAt()).toString());
        meta.put("location", baseUrl + "/Users/" + learner.learnerId().value());
        meta.put("version", version(user));
        user.put("meta", meta);
        return user;
    }

    /** A weak ETag of everything the resource says: it changes whenever any attribute does. */
    static String version(Map<String, Object> resource) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.write(resource).getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(hash, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
