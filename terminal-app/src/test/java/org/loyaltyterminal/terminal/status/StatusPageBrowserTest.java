package org.loyaltyterminal.terminal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.device.ConnectionState;

/**
 * The status page as a phone's browser renders it: headless Chromium loads it from the real
 * server, and the rendered DOM must hold every section. The screenshot stays in
 * target/status-page.png as a build artefact. Under CI=true a missing Chromium fails the build
 * (CI installs it); on a developer's machine without it the test is skipped, saying why.
 */
class StatusPageBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "status-page.png");

    @TempDir
    Path dir;

    @Test
    void theRenderedPageShowsEverySection() throws Exception {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is not installed but CI=true: install it (apt-get install chromium), as .ci/run does");
            }
            assumeTrue(false, "chromium is not installed (apt-get install chromium); the browser test is skipped");
        }
        StatusFixtures fixtures = new StatusFixtures();
        try (StatusServer server = StatusServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), fixtures.service())) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            Run dom = run(chromium.get(), "--dump-dom", url);
            assertEquals(0, dom.exit(), "chromium --dump-dom: " + dom.errors());
            for (String expected : List.of(
                    "<section id=\"devices\">",
                    "Barcode scanner",
                    "Card reader (NFC)",
                    "Receipt printer",
                    "running low",
                    "<section id=\"hq-link\">",
                    "not configured",
                    "17 events, oldest 42 min old",
                    "<section id=\"campaigns\">",
                    "winter-double",
                    "<section id=\"today\">",
                    "70 % (7 of 10)",
                    "<section id=\"clock\">",
                    "not synchronised",
                    "<section id=\"software\">",
                    "0.1.0-test")) {
                assertTrue(dom.output().contains(expected), "'" + expected + "' in the rendered DOM:\n" + dom.output());
            }
            Files.createDirectories(SCREENSHOT.getParent());
            Files.deleteIfExists(SCREENSHOT);
            Run shot =
                    run(chromium.get(), "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=412,1300", url);
            assertEquals(0, shot.exit(), "chromium --screenshot: " + shot.errors());
            assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of the page in " + SCREENSHOT.toAbsolutePath());
        }
    }

    @Test
    void anUnpluggedScannerIsTheHeadlineWithWhatToDo() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent() || "true".equals(System.getenv("CI")), "chromium is not installed; skipped");
        StatusFixtures fixtures = new StatusFixtures();
        fixtures.scanner.set(ConnectionState.DISCONNECTED);
        try (StatusServer server = StatusServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), fixtures.service())) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            Run dom = run(chromium.orElseThrow(), "--dump-dom", url);
            assertEquals(0, dom.exit(), "chromium --dump-dom: " + dom.errors());
            String html = dom.output();
            assertTrue(
                    html.contains("data-verdict=\"fault\"")
                            && html.contains("Not working fully: the barcode scanner is not connected (and 2 more)"),
                    "the headline: " + html);
            assertFalse(html.contains("Working normally"), html);
            for (String expected : List.of(
                    "<section id=\"problems\">",
                    "data-component=\"scanner\" data-severity=\"fault\"",
                    "The barcode scanner is not connected",
                    "check the scanner&#39;s cable and plug it in again",
                    "data-component=\"printer\" data-severity=\"notice\"",
                    "The receipt paper is running low",
                    "data-component=\"clock\"",
                    "The clock is not synchronised",
                    "since 10:30")) {
                assertTrue(
                        html.contains(expected) || html.contains(expected.replace("&#39;", "'")),
                        "'" + expected + "' in the rendered DOM:\n" + html);
            }
            int scanner = html.indexOf("data-component=\"scanner\"");
            int paper = html.indexOf("data-component=\"printer\"");
            assertTrue(scanner < paper, "the fault before the notices");
            Path shot = SCREENSHOT.resolveSibling("status-page-scanner-unplugged.png");
            Files.deleteIfExists(shot);
            Run png = run(chromium.get(), "--screenshot=" + shot.toAbsolutePath(), "--window-size=412,1500", url);
            assertEquals(0, png.exit(), "chromium --screenshot: " + png.errors());
        }
    }

    private record Run(int exit, String output, String errors) {}

    private Run run(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 90 s: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    private static Optional<Path> chromium() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
