package io.getbill.server.infrastructure.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ConsoleLogConfiguratorTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("GETBILL_LOG_LEVEL");
        System.clearProperty("logback.configurationFile");
    }

    @Test
    void startupWhenNoLogbackFileThenConfiguredInCodeWithTheDocumentedLevels() {
        // Logback found this configurator through META-INF/services when the test JVM first logged: no file to read.
        assertNull(ConsoleLogConfigurator.class.getClassLoader().getResource("logback.xml"));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> stdout = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, stdout);
        assertEquals(ConsoleLogConfigurator.PATTERN, assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder()).getPattern());
        assertEquals(Level.INFO, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.WARN, context.getLogger("org.flywaydb").getLevel());
        assertEquals(Level.WARN, context.getLogger("com.zaxxer.hikari").getLevel());
    }

    @Test
    void configureWhenLevelPropertyGivenThenItsLevelIsUsed() {
        System.setProperty("GETBILL_LOG_LEVEL", "debug");
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertSame(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));
        assertEquals(Level.DEBUG, context.getLogger("io.getbill").getLevel());
        assertEquals(Level.INFO, context.getLogger("getbill.audit").getLevel());
    }

    @Test
    void levelWhenInheritedThenNoOwnLevel() {
        System.setProperty("GETBILL_LOG_LEVEL", "INHERITED");
        assertNull(ConsoleLogConfigurator.level("GETBILL_LOG_LEVEL"));
    }

    @Test
    void configureWhenOperatorNamesAConfigurationFileThenLogbackReadsThatFileInstead() {
        System.setProperty("logback.configurationFile", "/etc/getbill/logback.xml");
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertSame(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
        assertNull(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"));
    }
}
