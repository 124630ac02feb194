package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/**
 * Submissions take turns for the database (uklad.responses.concurrent at a time, in arrival
 * order): with a single turn, many respondents at once are all answered and all stored.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.responses.concurrent", value = "1")
class SubmissionAdmissionTest extends AppTest {

    @Test
    void withOneTurnAtATimeEveryConcurrentSubmissionIsStored() throws Exception {
        String code = fixture.sharedExampleCode();
        long before = db.responses();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                results.add(pool.submit(() -> http.postJson("/api/v1/surveys/" + code + "/responses", SubmissionApiTest.VALID,
                        "Idempotency-Key", UUID.randomUUID().toString()).status()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.responses()).isEqualTo(before + 36);
        assertThat(db.count("SELECT uses FROM access_code WHERE code = ?", code)).isEqualTo(36);
    }

    @Test
    void fewerThanOneTurnStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(Map.of("uklad.responses.concurrent", 0), "test")) {
                // started: the test fails below
            }
        }).hasStackTraceContaining("uklad.responses.concurrent must be at least 1");
    }
}
