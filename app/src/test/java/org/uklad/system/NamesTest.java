package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one normaliser of names: what it keeps, what it makes one, what it refuses. */
class NamesTest {

    @Test
    void namesThatLookTheSameAreStoredTheSame() {
        String name = "Школа № 1";
        assertThat(Names.normalise("name", "  Школа  №\u00a01 ", 300)).isEqualTo(name);
        assertThat(Names.normalise("name", "Школа\u2003№ 1", 300)).isEqualTo(name);
        // "й" typed as и + combining breve is the same letter
        assertThat(Names.normalise("name", "Школа Свиридовои\u0306", 300)).isEqualTo("Школа Свиридовой");
        assertThat(Names.normalise("name", "<b>7Б</b> =1+2", 50)).isEqualTo("<b>7Б</b> =1+2");
        assertThat(Names.normalise("name", "Лицей 🎓", 50)).isEqualTo("Лицей 🎓");
    }

    @Test
    void invisibleAndControlCharactersAreRefusedByName() {
        for (String bad : List.of("Школа\u0000", "Школа № 1\u200b", "\u202eакшоШ", "Шко\u00adла", "\ufeffШкола",
                "Школа\u2066x\u2069", "7\tБ", "7\nБ", "A\ud800B", "A\udc00", "Школа\u2028", "Школа\ue000", "Школа\u0085")) {
            List<FieldError> errors = new ArrayList<>();
            Names.normalise("groupLabel", bad, 50, errors);
            assertThat(errors).as(bad).extracting(FieldError::field, FieldError::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("groupLabel", FieldCode.FORBIDDEN_CHARACTER.code()));
        }
        assertThatThrownBy(() -> Names.normalise("name", "Школа № 1\u200b", 300)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).fieldErrors())
                        .containsExactly(FieldError.of("name", FieldCode.FORBIDDEN_CHARACTER, "U+200B")));
    }

    @Test
    void lengthIsCountedInCharactersAfterNormalising() {
        List<FieldError> errors = new ArrayList<>();
        Names.normalise("name", "   ", 10, errors);
        Names.normalise("name", null, 10, errors);
        assertThat(errors).containsExactly(FieldError.of("name", FieldCode.LENGTH, 1, 10), FieldError.of("name", FieldCode.LENGTH, 1, 10));
        errors.clear();
        assertThat(Names.normalise("name", "🎓".repeat(10), 10, errors)).hasSize(20);
        assertThat(Names.normalise("name", "а  ".repeat(5), 10, errors)).isEqualTo("а а а а а");
        assertThat(errors).isEmpty();
        Names.normalise("name", "а".repeat(11), 10, errors);
        assertThat(errors).containsExactly(FieldError.of("name", FieldCode.LENGTH, 1, 10));
    }
}
