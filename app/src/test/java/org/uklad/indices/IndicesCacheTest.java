package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/**
 * Cached indices never go stale: a new response or new access codes show at the next request;
 * readers who find the cache stale together share one computation; whether it is stale is one
 * row, the wave's revision (V22), renewed by whatever changes what the indices rest on.
 */
@MicronautTest(transactional = false)
class IndicesCacheTest extends AppTest {

    @Inject IndicesService indices;
    @Inject IndicesStore store;

    int respondents(long wave, long school) {
        JsonNode all = http.json(http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null));
        for (JsonNode c : all.get("questionnaires").get(0).get("constructs").values()) {
            if (c.get("construct").getStringValue().equals("comfort")) {
                for (JsonNode s : c.get("schools").values()) {
                    if (s.get("schoolId").getLongValue() == school) {
                        return s.get("suppressed").getBooleanValue() ? -1 : s.get("n").getIntValue();
                    }
                }
            }
        }
        return 0;
    }

    void answer(String code) {
        assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": {\"grade\": 7, \"com1\": 3, \"com2\": 4}}",
                "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void newlyPublishedResponsesOrNewCodesShowAtTheNextRequest() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", "7А", 1, 50).getFirst();
        for (int i = 0; i < 6; i++) {
            answer(code);
        }
        assertThat(respondents(wave, school)).isEqualTo(5);
        assertThat(respondents(wave, school)).isEqualTo(5);   // served again, unchanged
        for (int i = 0; i < 4; i++) {
            answer(code);
        }
        assertThat(respondents(wave, school)).isEqualTo(10);  // the next block of k is published

        long other = fixture.school("OTHER");
        assertThat(respondents(wave, other)).isZero();        // not in the wave yet
        fixture.codes(wave, other, "example", "7Б", 1, 50);
        assertThat(respondents(wave, other)).isEqualTo(-1);  // now listed, and suppressed
    }

    @Test
    void readersWhoFindTheCacheStaleTogetherShareOneComputation() throws Exception {
        long school = fixture.school("OTHER");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", "7А", 1, 50).getFirst();
        for (int i = 0; i < 5; i++) {
            answer(code);
        }
        int readers = 16;
        for (int round = 0; round < 3; round++) {
            fixture.codes(wave, school, "example", "7Б" + round, 1, 5); // the cache is stale again
            long before = indices.computations.get();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<WaveIndices>> results = new ArrayList<>();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int r = 0; r < readers; r++) {
                    results.add(callers.submit(() -> {
                        start.await();
                        return indices.compute(wave);
                    }));
                }
                start.countDown();
                for (Future<WaveIndices> f : results) {
                    assertThat(f.get().waveId()).isEqualTo(wave);
                }
            }
            // one per revision at most; a reader who came after it was cached computed nothing
            assertThat(indices.computations.get() - before).isEqualTo(1);
        }
        long before = indices.computations.get();
        indices.compute(wave);
        assertThat(indices.computations.get()).isEqualTo(before); // nothing changed: served from the cache
    }

    @Test
    void theRevisionChangesWithPublishedResponsesAndCodesButNotWithAnUnpublishedSubmission() {
        long school = fixture.school("OTHER");
        long wave = fixture.openWave("example");
        long r0 = store.freshness(wave).revision();
        assertThat(r0).isPositive(); // a new wave has its own revision from the start
        String code = fixture.codes(wave, school, "example", "7А", 1, 50).getFirst();
        long r1 = store.freshness(wave).revision();
        assertThat(r1).isNotEqualTo(r0);
        answer(code); // held: fewer than k, nothing published, the revision stays
        assertThat(store.freshness(wave).revision()).isEqualTo(r1);
        for (int i = 0; i < 4; i++) {
            answer(code);
        }
        assertThat(store.freshness(wave).revision()).isNotEqualTo(r1); // a block of k was published
        long other = fixture.openWave("example");
        assertThat(store.freshness(other).revision()).isNotEqualTo(store.freshness(wave).revision());
    }
}
