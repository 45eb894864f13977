package org.loyaltyterminal.hq.faults;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.loyaltyterminal.sync.testing.Await;

/** Threads of simulated terminals (agents "hq-sync", Paho's "MQTT ...: terminal-...") that outlive them. */
final class ThreadLeaks {
    private ThreadLeaks() {}

    static Set<Thread> now() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * Waits until every terminal thread started since {@code before} has ended.
     *
     * @param spinningConnect whether to let Paho 1.2.5's known connect leak pass (see {@link #isPahoConnectSpin})
     */
    static void awaitNoneSince(String context, Set<Thread> before, Duration timeout, boolean spinningConnect) {
        Await.until(
                context + ": every agent and Paho thread of the closed terminals ended",
                timeout,
                () -> since(before, spinningConnect).isEmpty(),
                () -> describe(since(before, spinningConnect)));
    }

    private static List<Thread> since(Set<Thread> before, boolean spinningConnect) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> t.getName().equals("hq-sync") || t.getName().contains("terminal-t-"))
                .filter(t -> !(spinningConnect && isPahoConnectSpin(t)))
                .toList();
    }

    /**
     * Paho 1.2.5's connect thread ("MQTT Con: id", {@code ClientComms$ConnectBG}) starts the
     * receiver and sender and then polls, every 100 ms and swallowing interrupts, until they
     * report running. When the socket dies in that instant (a cut right after the TCP connect),
     * they stop before ever reporting it and the connect thread polls for ever: one leaked thread
     * per such cut. The agent itself carries on (the connect fails and it reconnects); only a
     * patched Paho fixes the leak.
     */
    static boolean isPahoConnectSpin(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        boolean inConnect = false;
        boolean inStart = false;
        for (StackTraceElement frame : stack) {
            inConnect |= frame.getClassName().endsWith("ClientComms$ConnectBG");
            inStart |= frame.getMethodName().equals("start")
                    && (frame.getClassName().endsWith("CommsReceiver")
                            || frame.getClassName().endsWith("CommsSender"));
        }
        return inConnect && inStart;
    }

    private static String describe(List<Thread> threads) {
        StringBuilder text = new StringBuilder(threads.size() + " threads");
        for (Thread thread : threads.subList(0, Math.min(5, threads.size()))) {
            text.append("; ")
                    .append(thread.getName())
                    .append(" ")
                    .append(thread.getState())
                    .append(" at ");
            StackTraceElement[] stack = thread.getStackTrace();
            for (int i = 0; i < Math.min(10, stack.length); i++) {
                text.append(i == 0 ? "" : " < ").append(stack[i]);
            }
        }
        return text.toString();
    }
}
