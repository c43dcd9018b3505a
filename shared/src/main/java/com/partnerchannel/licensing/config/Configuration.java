package com.partnerchannel.licensing.config;

import java.util.List;
import java.util.Optional;

/**
 * Every setting a function reads, read once at init. A missing required setting fails the init with
 * a message that names it. Values come from the environment; a JVM system property of the same name
 * stands in for it (the local runner uses that to run the real handlers in one process).
 */
public final class Configuration {
    public static final String TABLE_NAME = "TABLE_NAME";
    /** Optional: a DynamoDB endpoint other than AWS's (DynamoDB Local). */
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";

    /** The names a function's environment in template.yaml may set. */
    public static final List<String> NAMES = List.of(TABLE_NAME, DYNAMODB_ENDPOINT);

    private final String tableName;
    private final Optional<String> dynamoDbEndpoint;

    private Configuration(String tableName, Optional<String> dynamoDbEndpoint) {
        this.tableName = tableName;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
    }

    public static Configuration fromEnvironment() {
        return new Configuration(required(TABLE_NAME), optional(DYNAMODB_ENDPOINT));
    }

    public String tableName() {
        return tableName;
    }

    public Optional<String> dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set; template.yaml sets it for every function"));
    }

    static Optional<String> optional(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) value = System.getProperty(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
