package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uklad.support.Http;

/** What the benchmarks share: the app on a persistent embedded PostgreSQL, and generated questionnaires. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The app with its HTTP server on a fresh persistent (fsync on) embedded database in {@code data}. */
    static ApplicationContext start(Path data, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "uklad.database.embedded.mode", "persistent",
                "uklad.database.embedded.data-dir", data.resolve("pg").toString(),
                "uklad.admin.api-token", Http.ADMIN_TOKEN,
                "micronaut.server.port", -1));
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "bench").getApplicationContext();
    }

    /** Removes a benchmark's data directory (gigabytes for the region-sized indices run). */
    static void delete(Path directory) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(directory)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** Imports a questionnaire through the admin API. */
    static void importQuestionnaire(Http http, String key, String yaml) {
        Http.Response imported = http.send("POST", "/api/v1/admin/questionnaires?name=" + key + ".yaml", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        if (imported.status() / 100 != 2) {
            throw new IllegalStateException(imported.body());
        }
    }

    /** A student questionnaire of agree4 likert items q1..qN, {@code itemsPerConstruct} for each construct in turn. */
    static String questionnaire(String key, List<String> constructs, int itemsPerConstruct) {
        StringBuilder y = new StringBuilder("key: " + key + "\n" + """
                title: {ru: "Нагрузочная анкета", en: "Load test questionnaire"}
                intro: {ru: "Анонимно, около 12 минут, любой вопрос можно пропустить.", en: "Anonymous, about 12 minutes, any question may be skipped."}
                respondent: student
                minutes: 12
                sections:
                  - id: all
                    items:
                """);
        int item = 0;
        for (String construct : constructs) {
            for (int i = 0; i < itemsPerConstruct; i++) {
                item++;
                y.append("      - id: q").append(item).append('\n')
                        .append("        type: likert\n")
                        .append("        scale: agree4\n")
                        .append("        construct: ").append(construct).append('\n')
                        .append("        text: {ru: \"Утверждение ").append(item).append("\", en: \"Statement ").append(item)
                        .append("\"}\n");
            }
        }
        return y.toString();
    }
}
