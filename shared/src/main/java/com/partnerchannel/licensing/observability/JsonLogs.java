package com.partnerchannel.licensing.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;

/**
 * How every function (and the local runner, which runs the same handlers) logs: one JSON object per line
 * on standard output, which Lambda sends to the function's log group and the runner to its console.
 * A line holds the time, level, logger, message, the invocation's ids (MDC, see {@link Invocation}), the
 * line's own key-value pairs and, for a failure, the stack trace. Ours log at INFO ({@code LOG_LEVEL}
 * changes it), every library at WARN: the AWS SDK, Jetty and S3Proxy say something only when it is wrong.
 *
 * <p>Set in code, found by logback through {@code META-INF/services}: no XML to parse at a cold start.
 */
public final class JsonLogs extends ContextAwareBase implements Configurator {
    static final String OURS = "com.partnerchannel.licensing";
    /** Per exception (and per cause): enough to see where it came from, not the runtime's frames below. */
    static final int STACK_FRAMES = 24;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("json");
        console.setTarget("System.out");
        console.setEncoder(encoder(context));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger(OURS).setLevel(Level.toLevel(System.getenv("LOG_LEVEL"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The encoder of every line; tests capture lines with this same encoder. */
    public static Encoder<ILoggingEvent> encoder(Context context) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
        timestamp.setFieldName("timestamp");
        timestamp.setTimeZone("UTC");
        providers.addTimestamp(timestamp);
        providers.addLogLevel(new LogLevelJsonProvider());
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName("logger");
        logger.setShortenedLoggerNameLength(36);
        providers.addLoggerName(logger);
        providers.addMessage(new MessageJsonProvider());
        providers.addMdc(new MdcJsonProvider());
        providers.addKeyValuePairs(new KeyValuePairsJsonProvider());
        StackTraceJsonProvider stack = new StackTraceJsonProvider();
        stack.setFieldName("stackTrace");
        ShortenedThrowableConverter frames = new ShortenedThrowableConverter();
        frames.setMaxDepthPerThrowable(STACK_FRAMES);
        stack.setThrowableConverter(frames);
        providers.addStackTrace(stack);

        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        // Jackson modules are looked up with a ServiceLoader scan of the class path: none is needed here.
        encoder.setFindAndRegisterJacksonModules(false);
        encoder.start();
        return encoder;
    }
}
