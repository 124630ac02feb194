package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Sealing reuses its ciphers (BENCHMARKS.md, Submissions): concurrent seals and opens still each
 * get their own nonce and open only where they belong, and a refused open leaves nothing behind
 * that a later seal or open would inherit.
 */
@MicronautTest(transactional = false)
class SealingReuseTest {

    @Inject
    Sealing sealing;

    private static List<StoredAnswer> answers(int n) {
        return List.of(StoredAnswer.ofInt("q1", 1 + n % 4), StoredAnswer.ofText("comment", "ответ " + n),
                StoredAnswer.ofChoices("why", List.of("a" + n, "b")));
    }

    private static String where(int n) {
        return Sealing.where(1, 2, 3, "7А-" + n, LocalDate.of(2026, 12, 3));
    }

    @Test
    void concurrentSealsAndOpensEachKeepTheirOwnAnswersAndNonce() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<byte[]>> sealed = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                sealed.add(pool.submit(() -> {
                    byte[] s = sealing.seal(where(n), answers(n));
                    assertThat(sealing.open(where(n), s)).isEqualTo(answers(n));
                    return s;
                }));
            }
            List<String> nonces = new ArrayList<>();
            for (int i = 0; i < sealed.size(); i++) {
                byte[] s = sealed.get(i).get();
                nonces.add(java.util.HexFormat.of().formatHex(s, 0, 12));
                assertThat(sealing.open(where(i), s)).isEqualTo(answers(i));
            }
            assertThat(nonces).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRefusedOpenLeavesTheNextSealAndOpenIntact() {
        byte[] one = sealing.seal(where(1), answers(1));
        byte[] same = sealing.seal(where(1), answers(1));
        assertThat(same).isNotEqualTo(one); // a fresh nonce each time, even for the same answers
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sealing.open(where(2), one)).hasMessageContaining("could not be opened");
            byte[] tampered = one.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> sealing.open(where(1), tampered)).hasMessageContaining("could not be opened");
            assertThat(sealing.open(where(1), one)).isEqualTo(answers(1));
            assertThat(sealing.open(where(1), same)).isEqualTo(answers(1));
        }
    }
}
