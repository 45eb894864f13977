package org.loyaltyterminal.hq.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.config.ConfigException;

class ServiceConfigLoaderTest {
    @TempDir
    Path dir;

    private ServiceConfig load(String text) throws Exception {
        Path file = dir.resolve("hq.conf");
        Files.writeString(file, text);
        return new ServiceConfigLoader().load(file);
    }

    private String refused(String text) {
        return assertThrows(ConfigException.class, () -> load(text)).getMessage();
    }

    private static final String MINIMAL = """
            broker.url = tcp://127.0.0.1:1883
            signing.key-file = keys/hq-1.key
            signing.key-id = hq-1
            service.id = hq-a
            """;

    @Test
    void theMinimalFileRunsOnAnEmbeddedSqliteFileBesideIt() throws Exception {
        ServiceConfig config = load(MINIMAL);

        assertEquals("jdbc:sqlite:" + dir.resolve("hq.db"), config.databaseUrl());
        assertEquals(dir.resolve("keys/hq-1.key"), config.signingKey());
        assertEquals(dir.resolve("hq-secret"), config.privacySecret());
        assertEquals(2, config.ingestWorkers());
        assertEquals(Duration.ofDays(30), config.pushWindow());
        assertEquals(Optional.empty(), config.retention());
        assertEquals(8470, config.httpPort());
    }

    @Test
    void postgresqlWithAUserAndAPasswordFile() throws Exception {
        ServiceConfig config = load(MINIMAL + """
                database.url = jdbc:postgresql://db.hq:5432/loyalty
                database.user = hq
                database.password-file = secrets/db
                ingest.workers = 4
                retention.days = 730
                """);
        assertEquals("jdbc:postgresql://db.hq:5432/loyalty", config.databaseUrl());
        assertEquals(Optional.of(dir.resolve("secrets/db")), config.databasePasswordFile());
        assertEquals(4, config.ingestWorkers());
        assertEquals(Optional.of(Duration.ofDays(730)), config.retention());
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        assertTrue(refused(MINIMAL + "database.url = mysql://x\n").contains("jdbc:postgresql://"));
        assertTrue(refused(MINIMAL + "ingest.workers = 0\n").contains("between 1 and 32"));
        assertTrue(refused(MINIMAL + "ingest.wrokers = 2\n").contains("did you mean 'ingest.workers'"));
        assertTrue(refused(MINIMAL.replace("tcp://127.0.0.1:1883", "ssl://mq:8883"))
                .contains("broker.tls.ca-file"));
        assertTrue(refused(MINIMAL + "broker.username = hq\n").contains("broker.password-file"));
        assertTrue(refused(MINIMAL + "database.password-file = x\n").contains("database.user"));
        assertTrue(refused(MINIMAL.replace("signing.key-id = hq-1\n", "")).contains("signing.key-id"));
        assertTrue(refused(MINIMAL + "push.window-days = soon\n").contains("whole number"));
    }

    @Test
    void theShippedExampleIsAValidConfig() {
        ServiceConfig config = new ServiceConfigLoader().load(Path.of("../systemd/hq.conf"));
        assertEquals("jdbc:postgresql://db.hq.example:5432/hq", config.databaseUrl());
        assertEquals("ssl://mqtt.hq.example:8883", config.broker().url());
        assertEquals(Optional.of("hq"), config.databaseUser());
    }

    @Test
    void aMissingFileSaysSo() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> new ServiceConfigLoader().load(dir.resolve("none.conf")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
