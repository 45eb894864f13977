package org.loyaltyterminal.simulator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.loyaltyterminal.simulator.hq.HqLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "hq-lab",
        mixinStandardHelpOptions = true,
        description = {
            "Run HQ on its embedded defaults: an embedded MQTT broker and the HQ service on a SQLite file.",
            "Needs nothing but a JDK. Tills (or the demo's) connect to the broker it prints; runs until Ctrl-C."
        })
final class HqLabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "hq-lab",
            description = "folder for the lab's database, key, config and broker data (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(
            names = "--broker-port",
            defaultValue = "1883",
            description = "the broker's port (default: ${DEFAULT-VALUE})")
    int brokerPort;

    @Option(
            names = "--http-port",
            defaultValue = "8470",
            description = "figures, metrics and health (default: ${DEFAULT-VALUE}; 0: none)")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        HqLab lab = HqLab.start(dir.toAbsolutePath(), bind, brokerPort, httpPort);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            lab.close();
                            stopped.countDown();
                        },
                        "hq-lab-shutdown"));
        lab.describe(spec.commandLine().getOut());
        stopped.await();
        return ExitCodes.OK;
    }
}
