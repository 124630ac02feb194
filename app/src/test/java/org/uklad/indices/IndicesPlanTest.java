package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.uklad.questionnaires.Catalogue;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.QuestionnaireParser;
import org.uklad.questionnaires.SourceFile;
import org.uklad.questionnaire.LoadedQuestionnaire;

/** How a questionnaire version becomes scale definitions (no database needed). */
class IndicesPlanTest {

    static VersionPlan plan(String yaml) throws Exception {
        return VersionPlan.of(new LoadedQuestionnaire(1, "t", 1,
                QuestionnaireParser.parse(new SourceFile("instruments/t.yaml", yaml), Catalogue.empty())));
    }

    static final String HEAD = """
            key: t
            title: {ru: "Т", en: "T"}
            intro: {ru: "Анонимно.", en: "Anonymous."}
            respondent: student
            scales:
              agree4:
                points:
                  - {value: 1, ru: "1", en: "1"}
                  - {value: 2, ru: "2", en: "2"}
                  - {value: 3, ru: "3", en: "3"}
                  - {value: 4, ru: "4", en: "4"}
                favourable: [3, 4]
              odd4:
                points:
                  - {value: 1, ru: "1", en: "1"}
                  - {value: 2, ru: "2", en: "2"}
                  - {value: 3, ru: "3", en: "3"}
                  - {value: 4, ru: "4", en: "4"}
                favourable: [2, 3]
            constructs:
              a: {title: {ru: "А", en: "A"}, domain: culture, index: level}
              b: {title: {ru: "Б", en: "B"}, domain: culture, index: level}
            sections:
              - id: s
                items:
            """;

    static String item(String id, String scale, String construct, boolean reverse) {
        return "      - {id: %s, type: likert, text: {ru: \"в\", en: \"q\"}, scale: %s, construct: %s%s}\n"
                .formatted(id, scale, construct, reverse ? ", reverse: true" : "");
    }

    @Test
    void theExampleHasTwoLevelScalesWithTheCodebooksRules() {
        var q = Instruments.bundledParsed().stream().filter(x -> x.key().equals("example")).findFirst().orElseThrow();
        VersionPlan plan = VersionPlan.of(new LoadedQuestionnaire(1, "example", 1, q));
        assertThat(plan.columns().keySet()).containsExactly("dem1", "dem2", "com1", "com2");
        var dem = plan.scales().getFirst().definition();
        assertThat(dem.items()).containsExactly(0, 1);
        assertThat(dem.reversed()).containsExactly(false, true);
        assertThat(dem.min()).isEqualTo(1);
        assertThat(dem.max()).isEqualTo(4);
        assertThat(dem.favourableFrom()).isEqualTo(3);
        assertThat(dem.minAnswered()).isEqualTo(2); // two thirds of two items: both
        assertThat(plan.gaps()).isEmpty();
    }

    @Test
    void aGapConstructPairsEachNowItemWithItsIdealTwin() {
        var q = Instruments.bundledParsed().stream().filter(x -> x.key().equals("teachers")).findFirst().orElseThrow();
        VersionPlan plan = VersionPlan.of(new LoadedQuestionnaire(1, "teachers", 1, q));
        var gap = plan.gaps().getFirst();
        assertThat(gap.pairs()).hasSize(8).startsWith("rvi1");
        double[] row = new double[plan.columns().size()];
        Arrays.fill(row, Double.NaN);
        row[plan.columns().get("rvi1_now")] = 2;
        row[plan.columns().get("rvi1_ideal")] = 5;
        row[plan.columns().get("rvi2_now")] = 3; // its ideal twin unanswered: the pair drops out on both sides
        double[] compact = gap.compact(row);
        assertThat(compact[0]).isEqualTo(2);
        assertThat(compact[8]).isEqualTo(5);
        assertThat(compact[1]).isNaN();
        assertThat(compact[9]).isNaN();
    }

    @Test
    void aConstructOverTwoScalesIsNotScoredAndAnOddFavourableListHasNoPercent() throws Exception {
        VersionPlan plan = plan(HEAD + item("a1", "agree4", "a", false) + item("a2", "odd4", "a", false)
                + item("b1", "odd4", "b", true) + item("b2", "odd4", "b", false));
        assertThat(plan.scales()).extracting(s -> s.construct().id()).containsExactly("b");
        assertThat(plan.scales().getFirst().favourableKnown()).isFalse();
        assertThat(plan.columns().keySet()).containsExactly("b1", "b2");
    }
}
