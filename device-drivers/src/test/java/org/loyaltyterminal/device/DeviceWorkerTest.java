package org.loyaltyterminal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeviceWorkerTest {
    private final DeviceWorker worker = new DeviceWorker("scanner 'test'");

    @Test
    void aSecondStartIsRefusedWithTheComponentInTheMessage() {
        worker.claimStart();
        IllegalStateException e = assertThrows(IllegalStateException.class, worker::claimStart);
        assertTrue(e.getMessage().contains("scanner 'test': start called while STARTED"), e.getMessage());
    }

    @Test
    void stopWakesTheThreadFromItsBackoffAndWaitsForIt() throws InterruptedException {
        CountDownLatch sleeping = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        worker.claimStart();
        worker.run(
                "device-worker-test",
                () -> {
                    sleeping.countDown();
                    worker.awaitStop(Duration.ofMinutes(10));
                    returned.countDown();
                },
                (t, e) -> {});
        assertTrue(sleeping.await(5, TimeUnit.SECONDS));
        List<Thread> outlived = new CopyOnWriteArrayList<>();
        assertTrue(worker.stop(Duration.ofSeconds(5), outlived::add), "the first stop does the work");
        assertEquals(0, returned.getCount(), "the ten-minute backoff ended at once");
        assertTrue(outlived.isEmpty(), "the thread finished within the wait");
        assertFalse(worker.stop(Duration.ofSeconds(5), outlived::add), "a second stop does nothing");
        assertEquals(DeviceWorker.Phase.CLOSED, worker.phase());
    }

    @Test
    void aThreadThatOutlivesTheWaitIsHandedToTheAdapter() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        worker.claimStart();
        worker.run(
                "device-worker-stuck",
                () -> {
                    try {
                        release.await(); // a native read that ignores the stop signal
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                (t, e) -> {});
        List<Thread> outlived = new CopyOnWriteArrayList<>();
        worker.stop(Duration.ofMillis(50), outlived::add);
        assertEquals(1, outlived.size());
        assertEquals("device-worker-stuck", outlived.getFirst().getName());
        assertTrue(outlived.getFirst().isDaemon(), "a stuck device never keeps the process alive");
        release.countDown();
    }

    @Test
    void anAbandonedStartCountsAsClosed() {
        worker.claimStart();
        worker.abandon();
        assertTrue(worker.stopping());
        assertEquals(DeviceWorker.Phase.CLOSED, worker.phase());
        assertThrows(IllegalStateException.class, worker::claimStart);
    }

    @Test
    void aThreadThatDiesIsReportedToTheAdapter() throws InterruptedException {
        CountDownLatch reported = new CountDownLatch(1);
        worker.claimStart();
        worker.run(
                "device-worker-dies",
                () -> {
                    throw new DeviceException("boom");
                },
                (t, e) -> {
                    if (e instanceof DeviceException && t.getName().equals("device-worker-dies")) {
                        reported.countDown();
                    }
                });
        assertTrue(reported.await(5, TimeUnit.SECONDS));
    }
}
