package org.loyaltyterminal.simulator.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.Ports;

/** HQ on its embedded defaults comes up with nothing but this process, and keeps its key and data. */
class HqLabTest {
    @TempDir
    Path dir;

    @Test
    void startsConnectedAndKeepsItsKeyAcrossRestarts() throws Exception {
        String firstKey;
        try (HqLab lab = HqLab.start(dir, "127.0.0.1", Ports.free(), 0)) {
            Await.until(
                    "the service connected to the lab's broker", Duration.ofSeconds(60), lab.service()::isConnected);
            StringWriter text = new StringWriter();
            lab.describe(new PrintWriter(text));
            assertTrue(text.toString().contains("hq-tool serve --config " + dir.resolve("hq.conf")), text.toString());
            firstKey = Files.readString(dir.resolve("keys/hq-lab.pub"));
            assertTrue(Files.exists(dir.resolve("hq.db")));
        }
        try (HqLab lab = HqLab.start(dir, "127.0.0.1", Ports.free(), 0)) {
            Await.until("connected again", Duration.ofSeconds(60), lab.service()::isConnected);
            assertEquals(
                    firstKey, Files.readString(dir.resolve("keys/hq-lab.pub")), "the same key: tills keep trusting it");
        }
    }
}
