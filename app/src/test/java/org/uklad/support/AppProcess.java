package org.uklad.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service as its own OS process ({@code org.uklad.Application} on this JVM's Java and the
 * test's class path), configured only through its environment, as a deployed replica is. Its
 * output goes to a file, whose tail a failing test prints. A process is never left behind: {@link
 * #stop} ends it (forcibly if it does not stop in time), and so does the test JVM's exit.
 */
public final class AppProcess {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private AppProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the service on {@code port} (0: a free one), its output in {@code log}; does not wait for it. */
    public static AppProcess start(String name, int port, Map<String, String> environment, Path log) {
        int chosen = port > 0 ? port : freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), "-Dmicronaut.server.port=" + chosen, "org.uklad.Application");
        // nothing of the service's own settings leaks in from the environment the tests run in
        pb.environment().keySet().removeIf(k -> k.startsWith("UKLAD_") || k.startsWith("DATASOURCES_") || k.startsWith("MICRONAUT_"));
        pb.environment().putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = pb.start();
            // also when the test JVM ends without reaching the test's clean-up
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new AppProcess(name, chosen, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until {@code /health} answers 200 with status UP; fails early, with the log's tail, if the process ends. */
    public AppProcess awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with exit code " + process.exitValue() + " before it was healthy\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri().resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new AssertionError(name + " was not healthy within " + timeout + "\n" + tail(60));
    }

    /** Asks the process to stop (SIGTERM, a graceful shutdown), then kills it if it has not ended within 10 s. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits for it to be gone. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the process's output, headed by its name and log file. */
    public String tail(int lines) {
        List<String> all = new ArrayList<>();
        try {
            if (Files.exists(log)) {
                // leniently: a half-written last line must not hide the rest
                all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            }
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
        return "---- " + name + " (" + log.toAbsolutePath() + "), last " + lines + " lines ----\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
