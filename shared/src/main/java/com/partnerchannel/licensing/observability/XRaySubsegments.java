package com.partnerchannel.licensing.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each AWS SDK call as an X-Ray subsegment of the function's segment, when Lambda traces the invocation
 * ({@code Tracing: Active}): the service, operation, table, region, request id, status and time, sent
 * to the X-Ray daemon Lambda runs beside the function (UDP, {@code AWS_XRAY_DAEMON_ADDRESS}), as the
 * X-Ray SDK's own interceptor does. The call's {@code X-Amzn-Trace-Id} names the subsegment as its parent.
 *
 * <p>Why not the X-Ray SDK's interceptor: {@code aws-xray-recorder-sdk-aws-sdk-v2} 2.18.2 brings the
 * recorder's dependencies (AWS SDK v1 core and X-Ray client, Apache HttpClient, Joda, 6.2 MB of jars) and
 * building its recorder took 0.8–1.0 s of a cold start here (docs/benchmarks.md). This class sends the
 * same subsegment documents with what every function already has.
 *
 * <p>A call of an untraced invocation (no trace header, or {@code Sampled=0}) costs a header lookup.
 */
public final class XRaySubsegments implements ExecutionInterceptor {
    /** Where Lambda's Java runtime puts each invocation's trace header (the environment variable cannot change). */
    public static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    public static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";
    public static final String DAEMON_ADDRESS_VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";
    /** Set by Lambda in every function's environment: this is a function, not the runner or a test. */
    public static final String LAMBDA_FUNCTION_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

    private static final Logger LOG = LoggerFactory.getLogger(XRaySubsegments.class);
    private static final byte[] DAEMON_HEADER = "{\"format\": \"json\", \"version\": 1}\n".getBytes(StandardCharsets.UTF_8);
    private static final ExecutionAttribute<Subsegment> SUBSEGMENT = new ExecutionAttribute<>("XRaySubsegment");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InetSocketAddress daemon;
    private final Function<String, String> properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param daemon     where subsegments go
     * @param properties the trace header's source: system properties, then the environment, in a function
     * @param clock      the subsegments' start and end times
     */
    public XRaySubsegments(InetSocketAddress daemon, Function<String, String> properties, Clock clock) {
        this.daemon = daemon;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The interceptor when the environment is a Lambda function with an X-Ray daemon, otherwise none: the
     * local runner and the tests trace nothing and send nothing.
     */
    public static Optional<XRaySubsegments> fromEnvironment(Function<String, String> environment, Clock clock) {
        String function = environment.apply(LAMBDA_FUNCTION_VARIABLE);
        String address = environment.apply(DAEMON_ADDRESS_VARIABLE);
        if (function == null || function.isBlank() || address == null || address.isBlank()) return Optional.empty();
        return daemonAddress(address).map(daemon -> new XRaySubsegments(daemon, name -> {
            String value = System.getProperty(name);
            return value != null ? value : environment.apply(TRACE_HEADER_VARIABLE);
        }, clock));
    }

    /** {@code host:port}, or the daemon's two-protocol form {@code tcp:host:port udp:host:port}. */
    static Optional<InetSocketAddress> daemonAddress(String value) {
        String udp = value.trim();
        for (String part : udp.split("\\s+")) {
            if (part.startsWith("udp:")) udp = part.substring(4);
        }
        int colon = udp.lastIndexOf(':');
        if (colon <= 0 || udp.contains(" ")) return Optional.empty();
        try {
            return Optional.of(new InetSocketAddress(udp.substring(0, colon), Integer.parseInt(udp.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The invocation's trace, when Lambda sampled it. */
    record Trace(String root, String parent) {
        static Optional<Trace> parse(String header) {
            if (header == null) return Optional.empty();
            String root = null;
            String parent = null;
            boolean sampled = false;
            for (String field : header.split(";")) {
                int equals = field.indexOf('=');
                if (equals < 0) continue;
                String key = field.substring(0, equals).trim();
                String value = field.substring(equals + 1).trim();
                switch (key) {
                    case "Root" -> root = value;
                    case "Parent" -> parent = value;
                    case "Sampled" -> sampled = value.equals("1");
                    default -> { }
                }
            }
            return root != null && parent != null && sampled ? Optional.of(new Trace(root, parent)) : Optional.empty();
        }
    }

    private record Subsegment(Trace trace, String id, double startSeconds) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Trace.parse(properties.apply(TRACE_HEADER_PROPERTY)).ifPresent(trace -> {
            byte[] id = new byte[8];
            random.nextBytes(id);
            attributes.putAttribute(SUBSEGMENT, new Subsegment(trace, HexFormat.of().formatHex(id), nowSeconds()));
        });
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment == null) return context.httpRequest();
        return context.httpRequest().toBuilder().putHeader("X-Amzn-Trace-Id",
                "Root=" + subsegment.trace().root() + ";Parent=" + subsegment.id() + ";Sampled=1").build();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment == null) return;
        String requestId = context.response() instanceof AwsResponse aws ? aws.responseMetadata().requestId() : null;
        send(document(subsegment, attributes, context.request(), context.httpResponse().statusCode(), requestId, null));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Subsegment subsegment = attributes.getAttribute(SUBSEGMENT);
        if (subsegment == null) return;
        Integer status = context.httpResponse().map(r -> r.statusCode()).orElse(null);
        String requestId = context.httpResponse().flatMap(r -> r.firstMatchingHeader("x-amzn-RequestId")
                .or(() -> r.firstMatchingHeader("x-amz-request-id"))).orElse(null);
        send(document(subsegment, attributes, context.request(), status, requestId, context.exception()));
    }

    /**
     * A call made without the SDK's pipeline (a thin client, {@code aws.AwsCalls}): its subsegment when the
     * invocation is traced. The caller puts {@link TracedCall#traceHeader()} on each attempt and ends it once.
     */
    public Optional<TracedCall> start(String service, String operation, String region) {
        return Trace.parse(properties.apply(TRACE_HEADER_PROPERTY)).map(trace -> {
            byte[] id = new byte[8];
            random.nextBytes(id);
            return new TracedCall(new Subsegment(trace, HexFormat.of().formatHex(id), nowSeconds()), service, operation, region);
        });
    }

    /** One thin client's call being traced. */
    public final class TracedCall {
        private final Subsegment subsegment;
        private final String service;
        private final String operation;
        private final String region;

        private TracedCall(Subsegment subsegment, String service, String operation, String region) {
            this.subsegment = subsegment;
            this.service = service;
            this.operation = operation;
            this.region = region;
        }

        /** The {@code X-Amzn-Trace-Id} of the call's requests: this subsegment as their parent. */
        public String traceHeader() {
            return "Root=" + subsegment.trace().root() + ";Parent=" + subsegment.id() + ";Sampled=1";
        }

        /** Sends the subsegment: the last attempt's status and request id, and the failure if the call failed. */
        public void end(Integer status, String requestId, Throwable failure) {
            send(document(subsegment, service, operation, region, Optional.empty(), status, requestId, failure));
        }
    }

    /** The subsegment document, in X-Ray's segment document format. */
    ObjectNode document(Subsegment subsegment, ExecutionAttributes attributes, SdkRequest request, Integer status,
                        String requestId, Throwable failure) {
        return document(subsegment, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                attributes.getAttribute(AwsExecutionAttribute.AWS_REGION) == null ? null
                        : attributes.getAttribute(AwsExecutionAttribute.AWS_REGION).id(),
                request.getValueForField("TableName", String.class), status, requestId, failure);
    }

    private ObjectNode document(Subsegment subsegment, String service, String operation, String region,
                                Optional<String> tableName, Integer status, String requestId, Throwable failure) {
        ObjectNode document = JSON.createObjectNode();
        document.put("name", service);
        document.put("id", subsegment.id());
        document.put("trace_id", subsegment.trace().root());
        document.put("parent_id", subsegment.trace().parent());
        document.put("type", "subsegment");
        document.put("namespace", "aws");
        document.put("start_time", subsegment.startSeconds());
        document.put("end_time", nowSeconds());
        ObjectNode aws = document.putObject("aws");
        aws.put("operation", operation);
        if (region != null) aws.put("region", region);
        if (requestId != null) aws.put("request_id", requestId);
        tableName.ifPresent(table -> aws.put("table_name", table));
        if (status != null) document.putObject("http").putObject("response").put("status", status);
        boolean throttled = status != null && status == 429 || failure != null && isThrottling(failure);
        if (throttled) {
            document.put("throttle", true);
            document.put("error", true);
        } else if (status != null && status >= 400 && status < 500) {
            document.put("error", true);
        } else if (failure != null || status != null && status >= 500) {
            document.put("fault", true);
        }
        if (failure != null) {
            ObjectNode exception = document.putObject("cause").putArray("exceptions").addObject();
            exception.put("id", subsegment.id());
            exception.put("type", failure.getClass().getName());
            exception.put("message", String.valueOf(failure.getMessage()));
            exception.put("remote", status != null);
        }
        return document;
    }

    private static boolean isThrottling(Throwable failure) {
        return failure instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                && service.isThrottlingException();
    }

    private void send(ObjectNode document) {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] body = JSON.writeValueAsBytes(document);
            byte[] datagram = new byte[DAEMON_HEADER.length + body.length];
            System.arraycopy(DAEMON_HEADER, 0, datagram, 0, DAEMON_HEADER.length);
            System.arraycopy(body, 0, datagram, DAEMON_HEADER.length, body.length);
            socket.send(new DatagramPacket(datagram, datagram.length, daemon));
        } catch (IOException e) {
            LOG.atWarn().setCause(e).log("X-Ray subsegment not sent");
        }
    }

    private double nowSeconds() {
        return clock.millis() / 1000.0;
    }
}
