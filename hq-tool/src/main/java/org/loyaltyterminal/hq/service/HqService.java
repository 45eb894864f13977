package org.loyaltyterminal.hq.service;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.hq.figures.FiguresHttp;
import org.loyaltyterminal.hq.figures.PrometheusText;
import org.loyaltyterminal.hq.ingest.BatchOutcome;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.members.AccountPusher;
import org.loyaltyterminal.hq.members.LookupResponder;
import org.loyaltyterminal.hq.members.MembersLink;
import org.loyaltyterminal.hq.members.RedemptionBroadcaster;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.privacy.CardKeys;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Signer;
import org.loyaltyterminal.hq.publish.VersionClock;
import org.loyaltyterminal.hq.store.DatabaseSettings;
import org.loyaltyterminal.hq.store.ErasureStore;
import org.loyaltyterminal.hq.store.FiguresQueries;
import org.loyaltyterminal.hq.store.HqDatabase;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.store.Retention;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.link.SecretFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hq-tool serve}: HQ running by itself. Ingest workers store the terminals' events and keep
 * members' accounts in the same transactions; after each commit the changed accounts are pushed
 * to the stores where those members shop and new voucher redemptions to the whole chain; lookups
 * from tills are answered; all on one database that other hosts running the same service share.
 */
public final class HqService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HqService.class);
    /** A redemption message repeats what this host sent within this window (see RedemptionBroadcaster). */
    private static final Duration REPEAT_REDEMPTIONS = Duration.ofMinutes(5);

    private final ServiceConfig config;
    private final HqDatabase database;
    private final JdbcEventStore store;
    private final ErasureStore erasures;
    private final MembersLink link;
    private final AccountPusher pusher;
    private final RedemptionBroadcaster broadcaster;
    private final List<Ingest> workers = new ArrayList<>();
    private final Optional<ScheduledExecutorService> retention;
    private Optional<FiguresHttp> http = Optional.empty();

    private HqService(ServiceConfig config, InstantSource wall, RandomGenerator random) {
        this.config = config;
        this.database = HqDatabase.open(databaseSettings(config));
        CardKeys cardKeys = CardKeys.fromFile(config.privacySecret());
        this.erasures = new ErasureStore(database, cardKeys);
        this.retention =
                config.retention().map(period -> retentionJob(new Retention(database, cardKeys), period, wall));
        this.store = new JdbcEventStore(database, wall, erasures);
        HqMessages messages = new HqMessages(Signer.fromFile(config.signingKeyId(), config.signingKey()), wall);
        VersionClock versions = new VersionClock(wall);
        BrokerAccess access = brokerAccess(config.broker());
        Backoff backoff = Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(30));
        this.link = new MembersLink(
                config.serviceId() + "-members",
                Topics.sharedLookupFilter(config.lookupGroup()),
                new LookupResponder(store, this::isErased, messages, versions),
                events -> new PahoBrokerClient(access, config.serviceId() + "-members", events),
                backoff,
                random);
        this.pusher = new AccountPusher(
                store,
                this::isErased,
                messages,
                versions,
                link::send,
                wall,
                config.pushWindow(),
                config.pushInterval());
        this.broadcaster = new RedemptionBroadcaster(messages, versions, link::send, wall, REPEAT_REDEMPTIONS);
        for (int i = 1; i <= config.ingestWorkers(); i++) {
            String clientId = config.serviceId() + "-ingest-" + i;
            workers.add(new Ingest(
                    IngestSettings.of(access.url(), config.ingestGroup(), clientId),
                    store,
                    events -> new PahoBrokerClient(access, clientId, events),
                    random,
                    this::committed));
        }
    }

    /** Opens the database (migrating it), then connects everything; fails fast on what cannot work. */
    public static HqService start(ServiceConfig config, InstantSource wall, RandomGenerator random) {
        HqService service = new HqService(config, wall, random);
        if (config.httpPort() > 0) {
            service.http = Optional.of(FiguresHttp.start(
                    new FiguresHttp.Settings(
                            new InetSocketAddress(config.httpBind(), config.httpPort()),
                            ZoneId.systemDefault(),
                            Duration.ofMinutes(1)),
                    new FiguresQueries(service.database),
                    wall,
                    service::writeMetrics,
                    service::problem));
        }
        service.link.start();
        service.pusher.start();
        service.workers.forEach(Ingest::start);
        log.info(
                "HQ service {} started: {} ingest workers on {} via {}",
                config.serviceId(),
                config.ingestWorkers(),
                service.database.settings().describe(),
                config.broker().url());
        return service;
    }

    public EventStore store() {
        return store;
    }

    public HqDatabase database() {
        return database;
    }

    public ErasureStore erasures() {
        return erasures;
    }

    public boolean isConnected() {
        return link.isConnected() && workers.stream().allMatch(Ingest::isConnected);
    }

    public ServiceStats stats() {
        return new ServiceStats(
                workers.stream().map(Ingest::stats).toList(),
                link.answered(),
                pusher.pushed(),
                broadcaster.sent(),
                link.queued());
    }

    /** The service's own counters beside the programme figures on /metrics. */
    private void writeMetrics(PrometheusText out) {
        ServiceStats stats = stats();
        out.counter("hq_events_stored_total", "Events stored by this host's ingest workers since start")
                .sample((double) stats.stored());
        out.counter("hq_lookups_answered_total", "Tills' member lookups answered by this host since start")
                .sample((double) stats.lookupsAnswered());
        out.counter("hq_accounts_pushed_total", "Member snapshots pushed to stores by this host since start")
                .sample((double) stats.accountsPushed());
        out.counter("hq_redemptions_broadcast_total", "Voucher redemptions sent to the chains since start")
                .sample((double) stats.redemptionsSent());
        out.gauge("hq_members_link_queued", "Messages waiting for the broker").sample(stats.queued());
        out.gauge("hq_connected", "1 when every worker and the members link are connected to the broker")
                .sample(isConnected() ? 1 : 0);
    }

    /** Health for /health: empty when the broker connections are up. */
    private Optional<String> problem() {
        if (!link.isConnected()) {
            return Optional.of("not connected to the broker " + config.broker().url());
        }
        long down = workers.stream().filter(w -> !w.isConnected()).count();
        return down == 0 ? Optional.empty() : Optional.of(down + " ingest workers not connected to the broker");
    }

    private boolean isErased(String card) {
        return erasures.isErased(card);
    }

    private void committed(List<EventStore.Received> batches, List<BatchOutcome> outcomes) {
        Set<String> members = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            BatchOutcome outcome = outcomes.get(i);
            members.addAll(outcome.membersCounted());
            broadcaster.redeemed(batches.get(i).terminal().chain(), outcome.newRedemptions());
        }
        pusher.changed(members);
    }

    /**
     * Runs the retention period a minute after start and then every six hours: a member dormant
     * longer than the period is pseudonymised. Cheap when nobody is due.
     */
    private static ScheduledExecutorService retentionJob(Retention retention, Duration period, InstantSource wall) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name("hq-retention").daemon().unstarted(runnable));
        // The task catches its own failures: a failed run must not cancel the next ones.
        ScheduledFuture<?> unused = executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        int retired = retention.retireBefore(wall.instant().minus(period));
                        if (retired > 0) {
                            log.info(
                                    "HQ retention: {} members not seen for {} days pseudonymised",
                                    retired,
                                    period.toDays());
                        }
                    } catch (RuntimeException e) {
                        log.warn("HQ retention: not run this time ({}); trying again later", e.getMessage());
                    }
                },
                1,
                6 * 60,
                TimeUnit.MINUTES);
        return executor;
    }

    @Override
    public void close() {
        http.ifPresent(FiguresHttp::close);
        retention.ifPresent(ScheduledExecutorService::shutdownNow);
        for (Ingest worker : workers) {
            worker.stop(Duration.ofSeconds(10));
        }
        pusher.close();
        link.close();
        database.close();
        log.info("HQ service {} stopped", config.serviceId());
    }

    private static DatabaseSettings databaseSettings(ServiceConfig config) {
        Optional<String> password = config.databasePasswordFile()
                .map(file -> new String(SecretFile.readPassword(file, "database.password-file")));
        return DatabaseSettings.of(config.databaseUrl())
                .withLogin(config.databaseUser(), password)
                .withPoolSize(config.databasePoolSize());
    }

    private static BrokerAccess brokerAccess(ServiceConfig.Broker broker) {
        Optional<LinkSettings.Login> login = broker.username()
                .map(name -> new LinkSettings.Login(name, broker.passwordFile().orElseThrow()));
        Optional<LinkSettings.Tls> tls =
                broker.caFile().map(ca -> new LinkSettings.Tls(ca, broker.clientCertificate(), broker.clientKey()));
        return new BrokerAccess(broker.url(), login, tls);
    }
}
