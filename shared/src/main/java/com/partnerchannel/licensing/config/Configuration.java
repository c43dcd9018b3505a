package com.partnerchannel.licensing.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting a function reads, read once at init. A missing required setting fails the init with
 * a message that names it. A function's come from its environment ({@link #fromEnvironment}); the local
 * runner, which runs every function in one process, gives each its own ({@link #of}), through the same
 * wiring ({@code Licensing.from(configuration, clock)} and the like), and nothing is read from elsewhere.
 */
public final class Configuration {
    public static final String TABLE_NAME = "TABLE_NAME";
    /** Optional: a DynamoDB endpoint other than AWS's (DynamoDB Local). */
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";

    /** The bus the publisher puts domain events on (event-publisher). */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    /** Optional: an EventBridge endpoint other than AWS's (the local runner's). */
    public static final String EVENTBRIDGE_ENDPOINT = "AWS_ENDPOINT_URL_EVENTBRIDGE";
    /** The verified SES identity emails come from (notifier). */
    public static final String SENDER_EMAIL = "SENDER_EMAIL";
    /** The portal's base URL, for the links in emails (notifier). */
    public static final String PORTAL_BASE_URL = "PORTAL_BASE_URL";
    /** Optional: an SES endpoint other than AWS's (the local runner's). */
    public static final String SES_ENDPOINT = "AWS_ENDPOINT_URL_SES";
    /**
     * Optional (notifier): the SES configuration set every email is sent with, whose bounce and complaint
     * events reach EventBridge (template.yaml's SesConfigurationSet).
     */
    public static final String SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET";

    /** The bucket renewal files are uploaded to (renewal-imports, renewal-import-analysis). */
    public static final String UPLOAD_BUCKET = "UPLOAD_BUCKET";
    /** Optional: an S3 endpoint other than AWS's (S3Proxy); path-style addressing then. */
    public static final String S3_ENDPOINT = "AWS_ENDPOINT_URL_S3";

    /**
     * Optional (renewal-imports): the largest CSV renewal a confirm renews within its request; larger ones
     * go to the confirm worker. Default {@code ConfirmingRenewalImport.ANSWER_AT_ONCE_UP_TO}.
     */
    public static final String CONFIRM_AT_ONCE_UP_TO = "CONFIRM_AT_ONCE_UP_TO";
    /**
     * Optional (renewal-imports): the largest file (bytes) {@code POST …/analyse} re-analyses within its
     * request; larger ones go to the analysis worker. Default {@code AnalysingRenewalImport.ANALYSE_AT_ONCE_UP_TO_BYTES}.
     */
    public static final String ANALYSE_AT_ONCE_UP_TO_BYTES = "ANALYSE_AT_ONCE_UP_TO_BYTES";

    /** The names a function's environment in template.yaml may set. */
    public static final List<String> NAMES = List.of(TABLE_NAME, DYNAMODB_ENDPOINT, EVENT_BUS_NAME, EVENTBRIDGE_ENDPOINT,
            SENDER_EMAIL, PORTAL_BASE_URL, SES_ENDPOINT, SES_CONFIGURATION_SET, UPLOAD_BUCKET, S3_ENDPOINT, CONFIRM_AT_ONCE_UP_TO,
            ANALYSE_AT_ONCE_UP_TO_BYTES);

    private final Map<String, String> settings;
    private final String tableName;
    private final Optional<String> dynamoDbEndpoint;

    private Configuration(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        this.tableName = required(TABLE_NAME);
        this.dynamoDbEndpoint = optional(DYNAMODB_ENDPOINT);
    }

    public static Configuration fromEnvironment() {
        return new Configuration(System.getenv());
    }

    /** These settings and no others (the local runner's, for one function of the template). */
    public static Configuration of(Map<String, String> settings) {
        return new Configuration(settings);
    }

    public String tableName() {
        return tableName;
    }

    public Optional<String> dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** A setting only some functions need: their wiring asks for it, and fails at init without it. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set; template.yaml sets it for the functions that read it"));
    }

    /** A setting that may be absent (the endpoint overrides). */
    public Optional<String> optional(String name) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
