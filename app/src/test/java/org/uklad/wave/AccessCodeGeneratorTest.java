package org.uklad.wave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessCodeGeneratorTest {

    @Test
    void codesCarryAtLeast40BitsFromAnAlphabetWithoutLookAlikes() {
        double bits = AccessCodeGenerator.LENGTH * Math.log(AccessCodeGenerator.ALPHABET.length()) / Math.log(2);
        assertThat(bits).isGreaterThanOrEqualTo(40.0);
        for (char lookAlike : "0O1IL".toCharArray()) {
            assertThat(AccessCodeGenerator.ALPHABET.indexOf(lookAlike)).as("look-alike " + lookAlike).isNegative();
        }
        AccessCodeGenerator generator = new AccessCodeGenerator();
        Set<String> seen = new HashSet<>();
        int[] counts = new int[128];
        for (int i = 0; i < 20_000; i++) {
            String code = generator.next();
            assertThat(code).hasSize(10).matches("[2-9A-HJKMNP-Z]{10}");
            seen.add(code);
            code.chars().forEach(c -> counts[c]++);
        }
        assertThat(seen).hasSize(20_000);
        // every symbol is used, none grossly over-represented (200,000 symbols over 31: ~6,450 each)
        for (char c : AccessCodeGenerator.ALPHABET.toCharArray()) {
            assertThat(counts[c]).as("symbol " + c).isBetween(5_500, 7_400);
        }
    }

    @Test
    void typedCodesAreCaseInsensitiveAndIgnoreSpacesAndHyphens() {
        assertThat(AccessCodeGenerator.normalize("abcde-fgh23")).contains("ABCDEFGH23");
        assertThat(AccessCodeGenerator.normalize("  AbCdE FgH23 ")).contains("ABCDEFGH23");
        assertThat(AccessCodeGenerator.normalize("ABCDEFGH2")).isEmpty();          // too short
        assertThat(AccessCodeGenerator.normalize("ABCDEFGH234")).isEmpty();        // too long
        assertThat(AccessCodeGenerator.normalize("ABCDEFGH2O")).isEmpty();         // O is not in the alphabet
        assertThat(AccessCodeGenerator.normalize("ABCDEФGH23")).isEmpty();         // Cyrillic look-alike
        assertThat(AccessCodeGenerator.normalize("../../etc/x")).isEmpty();
        assertThat(AccessCodeGenerator.normalize(null)).isEmpty();
        assertThat(AccessCodeGenerator.display("ABCDEFGH23")).isEqualTo("ABCDE-FGH23");
    }
}
