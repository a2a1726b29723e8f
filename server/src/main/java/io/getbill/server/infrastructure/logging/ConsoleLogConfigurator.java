package io.getbill.server.infrastructure.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's Logback configuration, in code: one console appender and the levels below. It is found by Logback's
 * {@link Configurator} service lookup, before Logback would look for {@code logback.xml}.
 *
 * <p>Why code and not {@code logback.xml}: reading an XML file costs Logback its Joran configurator and the JDK's
 * SAX parser, about 900 classes loaded on the main thread before anything else starts (a tenth of all classes loaded
 * before the first token); this class needs a few dozen. The result is the same configuration the XML declared.
 *
 * <p>An operator's own configuration still wins: with {@code -Dlogback.configurationFile=...}, or a
 * {@code logback.xml} / {@code logback-test.xml} on the class path, this configurator steps aside and Logback reads
 * that file as usual.
 *
 * <ul>
 *   <li>{@code io.getbill}: {@code GETBILL_LOG_LEVEL} (system property or environment variable, default INFO);</li>
 *   <li>{@code getbill.audit}, the authorization server's audit trail (one key=value line per event, written by a
 *       background thread, never a secret or a token): {@code GETBILL_AUDIT_LEVEL}, default INFO;</li>
 *   <li>{@code org.flywaydb} and {@code com.zaxxer.hikari}: WARN; everything else: INFO.</li>
 * </ul>
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

    /** Time, level, the request's {@code X-Request-Id} (or {@code -}), logger, message. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%X{request_id:--}] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || onClassPath("logback-test.xml")
                || onClassPath("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("io.getbill").setLevel(level("GETBILL_LOG_LEVEL"));
        context.getLogger("getbill.audit").setLevel(level("GETBILL_AUDIT_LEVEL"));
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The level named by a system property or else an environment variable, INFO when neither is set; read as
     * Logback reads a {@code level} attribute (an unknown name is DEBUG, {@code INHERITED} or {@code NULL} inherits).
     */
    static Level level(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        String trimmed = value.trim();
        if ("INHERITED".equalsIgnoreCase(trimmed) || "NULL".equalsIgnoreCase(trimmed)) {
            return null;
        }
        return Level.toLevel(trimmed);
    }

    private static boolean onClassPath(String resource) {
        ClassLoader loader = ConsoleLogConfigurator.class.getClassLoader();
        return loader != null && loader.getResource(resource) != null;
    }
}
