package com.partnerchannel.licensing.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A second copy of Jackson, defined from the same class path in a class loader of its own, to read
 * the event the way the Lambda runtime does. The runtime deserializes events with its own shaded
 * Jackson (aws-lambda-java-serialization), not the function's; were the probe to use the jar's
 * Jackson, the first {@code handleRequest} of a function that writes JSON would find Jackson already
 * loaded, and the floor would pay for a Jackson it does not use. Every other class, the event classes
 * included, comes from the ordinary class path, so the event read here is the handler's type.
 */
public final class RuntimeJackson extends ClassLoader {
    private static final String JACKSON = "com.fasterxml.jackson.";

    public RuntimeJackson(ClassLoader functionClassPath) {
        super("lambda-runtime-jackson", functionClassPath);
    }

    /** Reads {@code json} into {@code type} with this loader's own {@code ObjectMapper}. */
    public <T> T read(byte[] json, Class<T> type) throws ReflectiveOperationException {
        Class<?> mapperType = loadClass(JACKSON + "databind.ObjectMapper");
        Object mapper = mapperType.getConstructor().newInstance();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object failOnUnknown = Enum.valueOf((Class) loadClass(JACKSON + "databind.DeserializationFeature"),
                "FAIL_ON_UNKNOWN_PROPERTIES");
        mapperType.getMethod("configure", failOnUnknown.getClass(), boolean.class).invoke(mapper, failOnUnknown, false);
        return type.cast(mapperType.getMethod("readValue", byte[].class, Class.class).invoke(mapper, json, type));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(JACKSON)) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) loaded = define(name);
            if (resolve) resolveClass(loaded);
            return loaded;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) throw new ClassNotFoundException(name);
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
