package org.uklad.identification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.questionnaires.IdentificationRules;
import org.uklad.questionnaires.IdentificationRules.ContextRule;
import org.uklad.questionnaires.IdentificationRules.ResultsRule;
import org.uklad.questionnaires.IdentificationRules.Rule;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;

/**
 * The identification rules on constructed data: each category, the boundaries (a percentile exactly
 * at the threshold, a bottom-third share exactly at it, a year missing, a suppressed context), the
 * rules' order, the scope, and subjects missing.
 */
class ProposerRulesTest {

    /** The bundled file's rules, with the scope as given. */
    static IdentificationRules rules(IdentificationRules.Scope scope) {
        return new IdentificationRules(scope, 3, List.of(), List.of(
                new Rule("SHNRO", new ResultsRule(false, 10, 3), null),
                new Rule("SHRSSU", null, new ContextRule(25.0, 0.4)),
                new Rule("SHUVRO", new ResultsRule(true, 25, 3), null)), 1.0, 2, 3);
    }

    final List<School> schools = new ArrayList<>();
    final List<Proposer.Score> scores = new ArrayList<>();
    final Map<Long, Suppressible<SchoolContext>> contexts = new HashMap<>();

    /** Ten schools 1..10 in one municipality; school k's mean is k in both subjects, every year. */
    ProposerRulesTest() {
        for (long k = 1; k <= 10; k++) {
            schools.add(new School(k, "S" + k, "М", SchoolCategory.OTHER));
            for (int year = 2023; year <= 2025; year++) {
                scores.add(new Proposer.Score(k, year, "ОГЭ", "Математика", k, null));
                scores.add(new Proposer.Score(k, year, "ОГЭ", "Русский язык", k, null));
            }
            // the same conditions everywhere: all tie at the middle place, none in the bottom quarter
            contexts.put(k, Suppressible.shown(new SchoolContext(20, 0.6, 0.1)));
        }
    }

    Map<Long, Evidence> propose(IdentificationRules.Scope scope) {
        return new Proposer(rules(scope)).propose(schools, scores, contexts);
    }

    @Test
    void bottomTenPercentInEachYearIsShnroTopQuarterIsShuvro() {
        Map<Long, Evidence> e = propose(IdentificationRules.Scope.MUNICIPALITY);
        // school 1 is last in both subjects: places 10 + 10 = 20, percentile (10 − 0.5) / 10 = 95 ≥ 90
        assertThat(e.get(1L).standings()).allSatisfy(st -> {
            assertThat(st.sum()).isEqualTo(20.0);
            assertThat(st.percentile()).isEqualTo(95.0);
        });
        assertThat(e.get(1L).proposed()).isEqualTo(SchoolCategory.SHNRO);
        // school 2: percentile 85 — above the bottom 10 %
        assertThat(e.get(2L).proposed()).isEqualTo(SchoolCategory.OTHER);
        // the top quarter: percentiles 5, 15 and exactly 25 (school 8) are in; 35 is not
        assertThat(e.get(8L).standings().getLast().percentile()).isEqualTo(25.0);
        assertThat(List.of(8L, 9L, 10L)).allSatisfy(k -> assertThat(e.get(k).proposed()).isEqualTo(SchoolCategory.SHUVRO));
        assertThat(e.get(7L).proposed()).isEqualTo(SchoolCategory.OTHER);
        assertThat(e.get(1L).rule()).isEqualTo(0);
    }

    @Test
    void aYearOutsideTheBottomOrWithoutResultsIsNotShnro() {
        // in 2024 school 1 beats school 2 in both subjects: it is not in the bottom 10 % every year
        scores.replaceAll(s -> s.schoolId() == 1 && s.year() == 2024 ? new Proposer.Score(1, 2024, s.assessment(), s.subject(), 2.5, null) : s);
        assertThat(propose(IdentificationRules.Scope.MUNICIPALITY).get(1L).proposed()).isEqualTo(SchoolCategory.OTHER);
        // school 2 is now last in 2024 only
        assertThat(propose(IdentificationRules.Scope.MUNICIPALITY).get(2L).proposed()).isEqualTo(SchoolCategory.OTHER);
        // a school without results in the middle year is not proposed by a results rule
        scores.removeIf(s -> s.schoolId() == 10 && s.year() == 2024);
        Evidence ten = propose(IdentificationRules.Scope.MUNICIPALITY).get(10L);
        assertThat(ten.standings().get(1)).isNull();
        assertThat(ten.proposed()).isEqualTo(SchoolCategory.OTHER);
    }

    @Test
    void contextRuleBottomQuarterOrShareAboveFortyPercent() {
        // school 5's index lowest (percentile 5) → ШРССУ; school 6's share exactly 0.40 is not above; 0.41 is
        contexts.put(5L, Suppressible.shown(new SchoolContext(20, 0.1, 0.1)));
        contexts.put(6L, Suppressible.shown(new SchoolContext(20, 0.9, 0.40)));
        contexts.put(7L, Suppressible.shown(new SchoolContext(20, 0.9, 0.41)));
        contexts.put(1L, Suppressible.shown(new SchoolContext(20, 0.2, 0.1)));
        contexts.put(2L, Suppressible.shown(new SchoolContext(20, 0.3, 0.1)));
        Map<Long, Evidence> e = propose(IdentificationRules.Scope.MUNICIPALITY);
        assertThat(e.get(5L).proposed()).isEqualTo(SchoolCategory.SHRSSU);
        assertThat(e.get(5L).context().indexPercentile()).isEqualTo(5.0);
        assertThat(e.get(6L).proposed()).isEqualTo(SchoolCategory.OTHER);
        assertThat(e.get(7L).proposed()).isEqualTo(SchoolCategory.SHRSSU);
        // the next-lowest indices (schools 1 and 2: percentiles 15, exactly 25) are in the bottom quarter too, school 3 not;
        // school 1 stays ШНРО: the first rule met counts
        assertThat(e.get(1L).proposed()).isEqualTo(SchoolCategory.SHNRO);
        assertThat(e.get(2L).context().indexPercentile()).isEqualTo(25.0);
        assertThat(e.get(2L).proposed()).isEqualTo(SchoolCategory.SHRSSU);
        assertThat(e.get(3L).proposed()).isEqualTo(SchoolCategory.OTHER);
    }

    @Test
    void aSuppressedContextMeetsNoContextRule() {
        contexts.put(5L, Suppressible.suppressed());
        Map<Long, Evidence> e = propose(IdentificationRules.Scope.MUNICIPALITY);
        assertThat(e.get(5L).context().suppressed()).isTrue();
        assertThat(e.get(5L).context().index()).isNull();
        assertThat(e.get(5L).proposed()).isEqualTo(SchoolCategory.OTHER);
    }

    @Test
    void scopeDecidesTheGroup() {
        // two municipalities of five: in its own municipality school 5 is the best (top), school 6 the worst
        for (int i = 5; i < 10; i++) {
            School s = schools.get(i);
            schools.set(i, new School(s.id(), s.name(), "Н", s.category()));
        }
        Map<Long, Evidence> own = propose(IdentificationRules.Scope.MUNICIPALITY);
        assertThat(own.get(5L).standings().getLast().percentile()).isEqualTo(10.0);
        assertThat(own.get(5L).standings().getLast().groupSize()).isEqualTo(5);
        assertThat(own.get(5L).proposed()).isEqualTo(SchoolCategory.SHUVRO);
        assertThat(own.get(6L).proposed()).isEqualTo(SchoolCategory.SHNRO);
        Map<Long, Evidence> region = propose(IdentificationRules.Scope.REGION);
        assertThat(region.get(5L).standings().getLast().groupSize()).isEqualTo(10);
        assertThat(region.get(5L).proposed()).isEqualTo(SchoolCategory.OTHER);
        assertThat(region.get(6L).group()).isEqualTo("region");
    }

    @Test
    void aMissingSubjectIsRankedOnTheSubjectsItHas() {
        scores.removeIf(s -> s.schoolId() == 10 && s.year() == 2025 && s.subject().equals("Русский язык"));
        Evidence.Standing st = propose(IdentificationRules.Scope.MUNICIPALITY).get(10L).standings().getLast();
        assertThat(st.ranked()).isEqualTo(1);
        assertThat(st.listed()).isEqualTo(2);
        assertThat(st.places()).containsOnlyKeys("ОГЭ · Математика");
        assertThat(st.sum()).isEqualTo(2.0); // place 1 × 2 subjects
    }

    @Test
    void onlyTheLastYearsCountAndListedSubjectsMatchLooselyOnCase() {
        scores.add(new Proposer.Score(1, 2019, "ОГЭ", "Математика", 100, null));
        IdentificationRules listed = new IdentificationRules(IdentificationRules.Scope.MUNICIPALITY, 3,
                List.of(new IdentificationRules.Subject("огэ", "математика")), rules(IdentificationRules.Scope.MUNICIPALITY)
                .categories(), 1.0, 2, 3);
        Proposer p = new Proposer(listed);
        assertThat(p.years(scores)).containsExactly(2023, 2024, 2025);
        Evidence one = p.propose(schools, scores, contexts).get(1L);
        assertThat(one.standings().getLast().listed()).isEqualTo(1);
        assertThat(one.proposed()).isEqualTo(SchoolCategory.SHNRO);
    }

    @Test
    void everySchoolHasFourModelVerdicts() {
        Map<Long, Evidence> e = propose(IdentificationRules.Scope.MUNICIPALITY);
        assertThat(e.get(3L).models()).extracting(Evidence.Model::key).containsExactlyElementsOf(Proposer.MODELS);
        // no shares below the pass mark were given: those models have no data
        assertThat(e.get(3L).models().get(2).beats()).isNull();
        assertThat(e.get(3L).models().get(1).yearsFitted()).isEqualTo(3);
    }
}
