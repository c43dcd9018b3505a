package com.partnerchannel.licensing.local;


import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole API on this machine: DynamoDB Local with the template's table, the real handlers of
 * template.yaml behind a local API Gateway with its JWT authorizer, and (unless told not to) the
 * demo companies. {@link #start} returns once it serves; {@link #close} stops it all.
 */
public final class LocalRunner implements AutoCloseable {
    public static final String TABLE_NAME = "licensing";

    private final Path templatePath;
    private final LocalHttpServer http;
    private final LocalDynamoDbServer dynamoDb;
    private final LocalS3Server s3;
    private final LocalAwsEndpoint aws;
    private final StreamEventSourceMapping stream;
    private final LocalClock clock;
    private final UploadNotifications uploadNotifications;
    private final LocalAuthorizer authorizer;
    private final LocalGateway gateway;
    private final Optional<DemoTree> demo;
    private final boolean seeded;
    private final String baseUrl;
    private final Optional<LocalFaults> faults;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalRunner(Path templatePath, LocalHttpServer http, LocalDynamoDbServer dynamoDb, LocalS3Server s3,
                        LocalAwsEndpoint aws, StreamEventSourceMapping stream, LocalClock clock,
                        UploadNotifications uploadNotifications,
                        LocalAuthorizer authorizer, LocalGateway gateway, Optional<DemoTree> demo, boolean seeded,
                        String baseUrl, Optional<LocalFaults> faults) {
        this.templatePath = templatePath;
        this.http = http;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.aws = aws;
        this.stream = stream;
        this.clock = clock;
        this.uploadNotifications = uploadNotifications;
        this.authorizer = authorizer;
        this.gateway = gateway;
        this.demo = demo;
        this.seeded = seeded;
        this.baseUrl = baseUrl;
        this.faults = faults;
    }

    public static LocalRunner start(LocalOptions options) {
        Path templatePath = options.template().orElseGet(LocalRunner::findTemplate).toAbsolutePath();
        if (!Files.isRegularFile(templatePath)) {
            throw new IllegalArgumentException("--template " + templatePath + " is not a file");
        }
        SamTemplate template = SamTemplate.load(templatePath);
        LocalFunctions.useLocalAccount();
        // Bind first: a taken port fails before DynamoDB Local starts, and port 0 has its number for the issuer.
        LocalHttpServer http = LocalHttpServer.bind(options.host(), options.port());
        LocalDynamoDbServer dynamoDb = null;
        LocalAwsEndpoint aws = null;
        StreamEventSourceMapping stream = null;
        LocalS3Server s3 = null;
        UploadNotifications uploadNotifications = null;
        // Off while the demo companies are seeded; every function's AWS clients get them (--faults).
        Optional<LocalFaults> faults = LocalFaults.install(options.faults());
        try {
            dynamoDb = LocalDynamoDbServer.start(options.dataDir());
            boolean empty = dynamoDb.ensureTable(template.json(), TABLE_NAME) || dynamoDb.isEmpty(TABLE_NAME);
            // Before any function is built (the confirm worker on the bus reads the bucket too).
            s3 = LocalS3Server.start("127.0.0.1", options.dataDir());
            LocalFunctions.localResource(com.partnerchannel.licensing.config.Configuration.S3_ENDPOINT, s3.endpoint().toString());
            LocalFunctions.localResource(com.partnerchannel.licensing.config.Configuration.UPLOAD_BUCKET, LocalS3Server.UPLOAD_BUCKET);
            // The clock the functions are built with, the one POST /local/clock moves.
            LocalClock clock = LocalClock.start(options.dataDir());
            // EventBridge and SES at one loopback endpoint, which the functions on the stream and the bus send to.
            LocalSes ses = new LocalSes(clock, options.dataDir());
            LocalEventBridge bus = new LocalEventBridge(clock);
            aws = LocalAwsEndpoint.start(bus, ses);
            EventSources eventSources = EventSources.build(template, TABLE_NAME, dynamoDb.endpoint(), aws.endpoint(),
                    clock.clock());
            bus.add(eventSources.rules());
            stream = StreamEventSourceMapping.start(TABLE_NAME, dynamoDb.endpoint(), dynamoDb.client(), eventSources.stream());
            List<LocalFunctions.LocalFunction> functions = LocalFunctions.build(template, TABLE_NAME, dynamoDb.endpoint(),
                    clock.clock());
            uploadNotifications = new UploadNotifications(s3.client(), LocalS3Server.UPLOAD_BUCKET,
                    LocalFunctions.buildEventFunction(template, "RenewalImportAnalysisFunction", TABLE_NAME,
                            dynamoDb.endpoint(), clock.clock())).start();
            String baseUrl = "http://" + urlHost(options.host()) + ":" + http.port();
            LocalAuthorizer authorizer = new LocalAuthorizer(baseUrl + "/local",
                    options.dataDir().map(LocalAuthorizer::keptIn).orElseGet(LocalAuthorizer::newKey), Clock.systemUTC());
            LocalRoutes localRoutes = new LocalRoutes();
            new TokenEndpoint(authorizer).addTo(localRoutes);
            new ClockEndpoint(clock).addTo(localRoutes);
            new EmailsEndpoint(ses, stream).addTo(localRoutes);
            new SweepEndpoint(eventSources.sweep(), stream, clock).addTo(localRoutes);
            new RedriveEndpoint(eventSources.redrive(), stream).addTo(localRoutes);
            new DocsEndpoint(baseUrl).addTo(localRoutes);
            LocalGateway gateway = new LocalGateway(functions, authorizer, localRoutes);

            Optional<DemoTree> demo = options.dataDir().flatMap(DemoTree::load);
            boolean seeded = false;
            if (options.seed() && empty) {
                DemoTree tree = DemoSeed.seed(gateway, authorizer);
                options.dataDir().ifPresent(tree::save);
                demo = Optional.of(tree);
                seeded = true;
            } else if (empty) {
                demo = Optional.empty();
            }
            faults.ifPresent(f -> f.switchOn(true));
            http.start(request -> {
                LocalGateway.Response response = gateway.handle(request);
                // What the request recorded is at most this late: a restart with the data goes on from here.
                clock.record();
                return response;
            });
            return new LocalRunner(templatePath, http, dynamoDb, s3, aws, stream, clock, uploadNotifications, authorizer,
                    gateway, demo, seeded, baseUrl, faults);
        } catch (RuntimeException e) {
            faults.ifPresent(LocalFaults::uninstall);
            http.close();
            if (stream != null) stream.close();
            if (aws != null) aws.close();
            if (uploadNotifications != null) uploadNotifications.close();
            if (s3 != null) s3.close();
            if (dynamoDb != null) dynamoDb.close();
            throw e;
        }
    }

    /** The fault injectors of {@code --faults}, when faults are on. */
    public Optional<LocalFaults> faults() {
        return faults;
    }

    public int port() {
        return http.port();
    }

    /** {@code http://localhost:<port>}, with no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public Path templatePath() {
        return templatePath;
    }

    public LocalAuthorizer authorizer() {
        return authorizer;
    }

    public LocalGateway gateway() {
        return gateway;
    }

    /** The demo companies: seeded by this start, or by an earlier one with the same data directory. */
    public Optional<DemoTree> demo() {
        return demo;
    }

    /** Whether this start made the demo companies (false when the table already had data). */
    public boolean seeded() {
        return seeded;
    }

    public String dynamoDbEndpoint() {
        return dynamoDb.endpoint().toString();
    }

    /** The S3-compatible endpoint (S3Proxy) the pre-signed upload URLs point at. */
    public String s3Endpoint() {
        return s3.endpoint().toString();
    }

    /** Delivers the S3 events of new uploads now, rather than at the next poll (for tests). */
    public void deliverUploadEvents() {
        uploadNotifications.deliverNewUploads();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        faults.ifPresent(LocalFaults::uninstall);
        http.close();
        stream.close();
        aws.close();
        clock.record();
        uploadNotifications.close();
        s3.close();
        dynamoDb.close();
    }

    private static Path findTemplate() {
        try {
            return TemplateTable.templatePath();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + "; run from the project or pass --template PATH");
        }
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("127.0.0.1") || host.equals("::") || host.equals("localhost")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
