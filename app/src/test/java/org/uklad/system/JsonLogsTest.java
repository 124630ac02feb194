package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The structured log configuration writes one parseable JSON object per line, Cyrillic intact. */
class JsonLogsTest {

    @Test
    void eachLogLineIsAJsonObjectWithLevelLoggerAndMessage() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogsTest.class.getClassLoader().getResource("logback-json.xml"));
        Logger logger = context.getLogger("org.uklad.example");
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("JSON");
        Encoder<ILoggingEvent> encoder = appender.getEncoder();
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                Logger.class.getName(), logger, ch.qos.logback.classic.Level.WARN, "Волна {} закрыта", null, new Object[] {7});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = JsonMapper.createDefault().readValue(line, JsonNode.class);
        assertThat(json.get("level").getStringValue()).isEqualTo("WARN");
        assertThat(json.get("loggerName").getStringValue()).isEqualTo("org.uklad.example");
        assertThat(json.get("formattedMessage").getStringValue()).isEqualTo("Волна 7 закрыта");
        assertThat(json.get("timestamp")).isNotNull();
        context.stop();
    }
}
