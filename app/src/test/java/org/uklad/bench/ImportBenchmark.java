package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * The streamed import of a region's file (issue #23): generates a CSV of {@code rows} paper
 * questionnaires of a 40-item questionnaire (Likert items, 200 classes, Cyrillic class
 * names, semicolons and Windows-1251 as a Russian Excel saves them), starts the app on a fresh
 * embedded PostgreSQL in this JVM (run it with {@code -Xmx256m}: the heap bound is the point),
 * posts the file through the administration API as a raw body streamed from disk, polls the job
 * until it ends and prints the time of each phase and the heap: the peak of used heap sampled
 * every 20 ms, and the live heap after a full GC at the end. Arguments: {@code [rows]}
 * (default 100,000).
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("uklad-import-bench");
        Path file = dir.resolve("region.csv");
        writeFile(file, rows, 40);
        System.out.printf("file: %,d rows, %,d bytes (windows-1251, semicolons); heap max %,d MB%n", rows, Files.size(file),
                Runtime.getRuntime().maxMemory() >> 20);
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (ApplicationContext app = BenchSupport.start(dir, Map.of("uklad.responses.release-interval", "1h"))) {
            Http http = new Http(app.getBean(EmbeddedServer.class).getURI(), app.getBean(JsonMapper.class));
            BenchSupport.importQuestionnaire(http, "bench40", BenchSupport.questionnaire("bench40", List.of("comfort"), 40));
            Fixture fixture = new Fixture(http);
            long school = fixture.school("SHNRO");
            long wave = fixture.openWave("bench40");
            System.gc();
            long before = usedAfterGc();
            peak.set(0);
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            URI base = app.getBean(EmbeddedServer.class).getURI();
            HttpClient client = HttpClient.newHttpClient();
            long start = System.nanoTime();
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/admin/waves/" + wave + "/schools/"
                            + school + "/responses?questionnaire=bench40"))
                    .header("Content-Type", "text/csv").header("Authorization", "Bearer " + Http.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            long uploaded = System.nanoTime();
            if (posted.statusCode() != 202) {
                throw new IllegalStateException(posted.statusCode() + " " + posted.body());
            }
            String location = posted.headers().firstValue("Location").orElseThrow();
            String state = "";
            long checked = 0;
            long stored = 0;
            JsonNode status;
            while (true) {
                status = http.json(http.send("GET", location, null, null, "Authorization", "Bearer " + Http.ADMIN_TOKEN,
                        "Accept", "application/json"));
                String now = status.get("state").getStringValue();
                if (!now.equals(state)) {
                    state = now;
                    if (now.equals("STORING")) {
                        checked = System.nanoTime();
                    }
                }
                if (stored == 0 && status.get("rowsStored").getLongValue() == rows) {
                    stored = System.nanoTime(); // every row written; the commit and the publication follow
                }
                if (status.get("finished").getBooleanValue()) {
                    break;
                }
                Thread.sleep(200);
            }
            long end = System.nanoTime();
            System.gc();
            long after = usedAfterGc();
            long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("state %s, rows %d, stored %d%n", state, status.get("rowsTotal").getIntValue(),
                    status.get("stored").getIntValue());
            System.out.printf("upload (spooled to disk): %.1f s; checking: %.1f s; storing in batches: %.1f s; "
                            + "commit and publishing the 200 classes: %.1f s; total %.1f s%n", (uploaded - start) / 1e9,
                    (checked - uploaded) / 1e9, (stored - checked) / 1e9, (end - stored) / 1e9, (end - start) / 1e9);
            System.out.printf("heap: used before %,d MB; peak used (sampled) %,d MB; sum of heap pools' peaks %,d MB; "
                            + "live after the import and a full GC %,d MB%n", before >> 20, peak.get() >> 20, poolPeaks >> 20, after >> 20);
        } finally {
            sampler.interrupt();
            BenchSupport.delete(dir);
        }
    }

    private static long usedAfterGc() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Rows over 200 classes of ten grades; answers 1..4 with some NA, as a Russian Excel writes them. */
    private static void writeFile(Path file, int rows, int items) throws java.io.IOException {
        java.util.Random random = new java.util.Random(23);
        try (BufferedWriter out = Files.newBufferedWriter(file, java.nio.charset.Charset.forName("windows-1251"))) {
            StringBuilder header = new StringBuilder("group_label");
            for (int i = 1; i <= items; i++) {
                header.append(";Q").append(i);
            }
            out.write(header.append("\r\n").toString());
            String[] letters = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М", "Н", "О", "П", "Р", "С", "Т", "У", "Ф"};
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                line.append(2 + r % 10).append(letters[(r / 10) % letters.length]);
                for (int i = 0; i < items; i++) {
                    line.append(';').append(random.nextInt(20) == 0 ? "NA" : String.valueOf(1 + random.nextInt(4)));
                }
                out.write(line.append("\r\n").toString());
            }
        }
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toString());
        }
    }
}
