package com.partnerchannel.licensing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.http.HttpFunction;
import com.partnerchannel.licensing.renewal.application.Uploads;
import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract lists exactly the routes that are deployed and answered: the (method, path) pairs of
 * template.yaml, of docs/openapi.yaml and of the handlers' {@code routes()} are one set. No network: the
 * handlers are built around ports that refuse any call, which building them never makes.
 */
class OpenApiRoutesTest {
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String HANDLER_PACKAGE = "com.partnerchannel.licensing.functions";

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theDocumentDescribesExactlyTheRoutesOfTheTemplate() {
        assertThat(documentRoutes()).as("routes of docs/openapi.yaml against template.yaml")
                .containsExactlyInAnyOrderElementsOf(templateRoutes());
    }

    @Test
    void theHandlersAnswerExactlyTheRoutesOfTheDocument() throws Exception {
        Set<String> answered = new TreeSet<>();
        for (Class<?> handler : httpHandlerClasses()) answered.addAll(withPorts(handler).routeKeys());
        assertThat(answered).as("routes() of every HttpFunction under " + HANDLER_PACKAGE + " against docs/openapi.yaml")
                .containsExactlyInAnyOrderElementsOf(documentRoutes());
    }

    @Test
    void everyHandlerWithRoutesIsAFunctionOfTheTemplate() throws Exception {
        Set<String> named = new TreeSet<>();
        template.functions().forEach(function -> named.add(function.handlerClass()));
        for (Class<?> handler : httpHandlerClasses()) {
            assertThat(named).as(handler.getName() + " has routes but no function of template.yaml runs it")
                    .contains(handler.getName());
        }
        assertThat(httpHandlerClasses()).as("HTTP handlers found on the test classpath").hasSizeGreaterThanOrEqualTo(5);
    }

    private Set<String> templateRoutes() {
        Set<String> routes = new TreeSet<>();
        template.functions().forEach(function -> function.routes().forEach(route -> routes.add(route.key())));
        assertThat(routes).as("routes of template.yaml").isNotEmpty();
        return routes;
    }

    /** "METHOD /path" for every operation of every path item. */
    static Set<String> documentRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> paths = openApi().path("paths").fields(); paths.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(field -> {
                if (OPERATIONS.contains(field)) routes.add(field.toUpperCase(Locale.ROOT) + " " + path.getKey());
            });
        }
        return routes;
    }

    static Path openApiPath() {
        return TemplateTable.templatePath().getParent().resolve("docs").resolve("openapi.yaml");
    }

    static JsonNode openApi() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(openApiPath().toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + openApiPath(), e);
        }
    }

    /** Every concrete HttpFunction in the handlers' package on the classpath (class directories or jars). */
    private static Set<Class<?>> httpHandlerClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        String folder = HANDLER_PACKAGE.replace('.', '/');
        for (URL url : Collections.list(OpenApiRoutesTest.class.getClassLoader().getResources(folder))) {
            if ("file".equals(url.getProtocol())) {
                Path root = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(root)) {
                    files.map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
                            .filter(file -> file.endsWith(".class"))
                            .forEach(file -> names.add(folder + "/" + file));
                }
            } else if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(JarEntry::getName)
                            .filter(entry -> entry.startsWith(folder + "/") && entry.endsWith(".class"))
                            .forEach(names::add);
                }
            }
        }
        Set<Class<?>> handlers = new java.util.LinkedHashSet<>();
        for (String name : names) {
            Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                    false, OpenApiRoutesTest.class.getClassLoader());
            if (HttpFunction.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) handlers.add(type);
        }
        return handlers;
    }

    /** The handler built with its ports constructor, around adapters that refuse every call. */
    private static HttpFunction withPorts(Class<?> handlerClass) throws ReflectiveOperationException {
        Licensing licensing = new Licensing(refusing(DynamoDbClient.class), "unused", Clock.systemUTC());
        for (Constructor<?> constructor : handlerClass.getConstructors()) {
            if (constructor.getParameterCount() != 1) continue;
            Class<?> wiring = constructor.getParameterTypes()[0];
            if (wiring == Licensing.class) return (HttpFunction) constructor.newInstance(licensing);
            if (wiring == Renewals.class) {
                return (HttpFunction) constructor.newInstance(new Renewals(licensing, refusing(Uploads.class)));
            }
        }
        throw new AssertionError(handlerClass + " has no ports constructor this test knows");
    }

    private static <T> T refusing(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "refusing " + port.getSimpleName();
                };
            }
            throw new UnsupportedOperationException("building a handler must not call " + port.getSimpleName() + "."
                    + method.getName());
        }));
    }
}
