package org.loyaltyterminal.simulator.hq;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Random;
import org.loyaltyterminal.hq.keys.KeyFiles;
import org.loyaltyterminal.hq.service.HqService;
import org.loyaltyterminal.hq.service.ServiceConfigLoader;

/**
 * HQ on its embedded defaults, in one folder: an embedded broker, the HQ service on a SQLite file,
 * a signing key made at the first start, and the config the service runs with, written out so it
 * can be read and reused with {@code hq-tool serve --config}. Started again on the same folder it
 * keeps its database, key and broker sessions.
 */
public final class HqLab implements AutoCloseable {
    private static final String KEY_ID = "hq-lab";

    private final LabBroker broker;
    private final HqService service;
    private final Path config;

    private HqLab(LabBroker broker, HqService service, Path config) {
        this.broker = broker;
        this.service = service;
        this.config = config;
    }

    public static HqLab start(Path folder, String bind, int brokerPort, int httpPort) throws IOException {
        Files.createDirectories(folder);
        Path keys = folder.resolve("keys");
        if (Files.notExists(keys.resolve(KEY_ID + ".key"))) {
            KeyFiles.generate(KEY_ID, keys);
        }
        Path config = folder.resolve("hq.conf");
        Files.writeString(config, """
                # Written by the HQ lab; run the same with: hq-tool serve --config %s
                database.url = jdbc:sqlite:hq.db
                broker.url = tcp://%s:%d
                signing.key-file = keys/%s.key
                signing.key-id = %s
                privacy.secret-file = hq-secret
                service.id = hq-lab
                ingest.workers = 1
                http.bind = %s
                http.port = %d
                """.formatted(config, bind, brokerPort, KEY_ID, KEY_ID, bind, httpPort));
        LabBroker broker = LabBroker.start(folder.resolve("broker"), bind, brokerPort);
        try {
            HqService service =
                    HqService.start(new ServiceConfigLoader().load(config), InstantSource.system(), new Random());
            return new HqLab(broker, service, config);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public HqService service() {
        return service;
    }

    public String brokerUrl() {
        return broker.url();
    }

    /** What a person needs to point tills and tools at the lab. */
    public void describe(PrintWriter out) {
        Path folder = config.getParent();
        out.println("HQ lab running (stop with Ctrl-C):");
        out.println("  broker    " + broker.url() + " (embedded HiveMQ CE; tills: hq.broker = " + broker.url()
                + ", hq.allow-plain = true)");
        out.println("  database  " + folder.resolve("hq.db") + " (SQLite)");
        out.println("  key       " + folder.resolve("keys/" + KEY_ID + ".pub")
                + " (copy it into each till's hq.keys-dir; the private key stays here)");
        out.println("  config    " + config + " (the same with: hq-tool serve --config " + config + ")");
        out.flush();
    }

    @Override
    public void close() {
        service.close();
        broker.close();
    }
}
