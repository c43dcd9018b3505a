package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API contract on the runner. {@code GET /openapi.yaml} is docs/openapi.yaml (packed into the jar at
 * build time) with its local-runner server first and at the address the caller used, so that "Try it
 * out" calls this runner, same-origin. {@code GET /docs} is Swagger UI on it, every file from the
 * {@code org.webjars:swagger-ui} jar or this class: nothing comes from a CDN.
 */
final class DocsEndpoint {
    static final String OPENAPI = "/openapi.yaml";
    static final String DOCS = "/docs";
    static final String CONTRACT_RESOURCE = "docs/openapi.yaml";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** Swagger UI's own files that the page loads, as the webjar names them. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8");
    private static final String JS = "text/javascript; charset=utf-8";
    /** The page and its scripts come from here only; "Try it out" may still call a deployed stack over https. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    /** A Host header as a browser or curl sends it: a name or an address, and a port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    /** The top-level servers list of the document, as written: {@code servers:} and its indented lines. */
    private static final Pattern SERVERS = Pattern.compile("(?m)^servers:[ \\t]*\\n(?:[ \\t-].*\\n)*");
    private static final String LOCAL_SERVER = "http://localhost";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="UTF-8">
              <title>Partner licence management API (local runner)</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="stylesheet" href="/docs/index.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
              <script src="/docs/swagger-initializer.js" charset="UTF-8"></script>
            </body>
            </html>
            """;
    /** No top bar (it would load any URL typed into it), no online validator badge; the token is kept across reloads. */
    private static final String INITIALIZER = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "/openapi.yaml",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis],
                plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                layout: "BaseLayout",
                validatorUrl: null,
                persistAuthorization: true
              });
            };
            """;

    private final String contract;
    private final JsonNode servers;
    private final String fallbackOrigin;
    private final String webjar;

    /** @param fallbackOrigin the runner's URL, for a request without a usable Host header */
    DocsEndpoint(String fallbackOrigin) {
        this.contract = resource(CONTRACT_RESOURCE);
        this.fallbackOrigin = fallbackOrigin;
        Matcher block = SERVERS.matcher(contract);
        if (!block.find()) throw new IllegalStateException(CONTRACT_RESOURCE + " has no top-level servers list");
        try {
            this.servers = YAML.readTree(block.group()).path("servers");
        } catch (IOException e) {
            throw new IllegalStateException(CONTRACT_RESOURCE + ": its servers list does not parse: " + e.getMessage(), e);
        }
        Properties webjarVersion = new Properties();
        try (InputStream in = stream(WEBJAR_VERSION)) {
            webjarVersion.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.webjar = WEBJAR + webjarVersion.getProperty("version") + "/";
    }

    void addTo(LocalRoutes routes) {
        routes.add("GET", OPENAPI, request -> ok("application/yaml; charset=utf-8", contract(origin(request))));
        LocalGateway.Response page = new LocalGateway.Response(200, Map.of("Content-Type", "text/html; charset=utf-8",
                "Content-Security-Policy", CONTENT_SECURITY_POLICY), PAGE);
        routes.add("GET", DOCS, request -> page);
        routes.add("GET", DOCS + "/", request -> page);
        LocalGateway.Response initializer = ok(JS, INITIALIZER);
        routes.add("GET", DOCS + "/swagger-initializer.js", request -> initializer);
        ASSETS.forEach((file, type) -> {
            LocalGateway.Response asset = ok(type, resource(webjar + file));
            routes.add("GET", DOCS + "/" + file, request -> asset);
        });
    }

    /** The document as written, but for its servers: this runner first, at {@code origin}, then the others. */
    String contract(String origin) {
        ArrayNode reordered = YAML.createArrayNode();
        ObjectNode local = YAML.createObjectNode().put("url", origin).put("description", "This local runner.");
        for (JsonNode server : servers) {
            if (server.path("url").asText().startsWith(LOCAL_SERVER)) {
                local = ((ObjectNode) server.deepCopy()).put("url", origin);
            }
        }
        reordered.add(local);
        for (JsonNode server : servers) {
            if (!server.path("url").asText().startsWith(LOCAL_SERVER)) reordered.add(server);
        }
        String block;
        try {
            block = YAML.writeValueAsString(YAML.createObjectNode().set("servers", reordered));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = SERVERS.matcher(contract);
        matcher.find();
        return contract.substring(0, matcher.start()) + block + contract.substring(matcher.end());
    }

    /** The address the caller reached the runner at (127.0.0.1 or localhost), so that the page's calls stay same-origin. */
    private String origin(LocalGateway.Request request) {
        return request.header("host").filter(host -> HOST.matcher(host).matches()).map(host -> "http://" + host)
                .orElse(fallbackOrigin);
    }

    private static LocalGateway.Response ok(String contentType, String body) {
        return new LocalGateway.Response(200, Map.of("Content-Type", contentType), body);
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = DocsEndpoint.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (the runner's jar packs it at build time; "
                    + "rebuild with mvn package)");
        }
        return in;
    }
}
