package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.loyaltyterminal.hq.service.HqService;
import org.loyaltyterminal.hq.service.ServiceConfig;
import org.loyaltyterminal.hq.service.ServiceConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run HQ as a service: ingest with member accounts, pushes of changed accounts to the stores"
                + " members shop in, voucher redemptions to every store, answers to tills' lookups."
                + " Runs until stopped (SIGTERM / Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The service's config file.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig settings = new ServiceConfigLoader().load(config);
        CountDownLatch stopped = new CountDownLatch(1);
        HqService service = HqService.start(settings, InstantSource.system(), new Random());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "hq-serve-shutdown"));
        stopped.await();
        return 0;
    }
}
