package io.kvs.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JsonLogPropertiesTest {

    private static Properties parsed(String logLevel) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(JsonLogProperties.render(logLevel)));
        return properties;
    }

    @Test
    void consoleWritesJsonLines() throws IOException {
        Properties p = parsed("info");
        assertEquals("java.util.logging.ConsoleHandler", p.getProperty("handlers"));
        assertEquals(JsonLogProperties.FORMATTER, p.getProperty("java.util.logging.ConsoleHandler.formatter"));
    }

    @Test
    void levelsFollowLogLevel() throws IOException {
        assertEquals("INFO", parsed("info").getProperty(".level"));
        assertEquals("WARNING", parsed("warn").getProperty(".level"));
        assertEquals("WARNING", parsed("warn").getProperty("io.kvs.level"));
        assertEquals("SEVERE", parsed("error").getProperty(".level"));
    }

    @Test
    void debugLowersOnlyKvsLoggers() throws IOException {
        Properties p = parsed("debug");
        assertEquals("FINE", p.getProperty("io.kvs.level"));
        assertEquals("INFO", p.getProperty(".level"));
    }

    @Test
    void unknownLevelIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> JsonLogProperties.render("verbose"));
    }
}
