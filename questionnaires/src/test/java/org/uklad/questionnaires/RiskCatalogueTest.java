package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The risk catalogue: the bundled one is valid and covers the 500+ factors; bad files are refused. */
class RiskCatalogueTest {

    static final Path MODULE = Path.of("").toAbsolutePath();

    private static String bundledText() throws IOException {
        return Files.readString(MODULE.resolve("catalogue").resolve(RiskCatalogue.FILE), StandardCharsets.UTF_8);
    }

    private static List<Problem> problems(String text) {
        try {
            RiskCatalogue.parse(new SourceFile("catalogue/risks.yaml", text), Instruments.bundledCatalogue());
            return List.of();
        } catch (QuestionnaireException e) {
            return e.problems();
        }
    }

    private static void refused(String text, String message) {
        List<Problem> found = problems(text);
        assertTrue(found.stream().anyMatch(p -> p.message().contains(message)), "expected '" + message + "' in " + found);
    }

    @Test
    void theBundledCatalogueIsValidAndCoversTheFactors() {
        RiskCatalogue c = RiskCatalogue.bundled();
        assertEquals(2, c.version());
        for (String id : List.of("low_learning_motivation", "low_school_wellbeing", "low_parental_involvement",
                "low_classroom_discipline", "weak_professional_culture", "poor_staff_climate",
                "students_at_risk_of_failure", "difficult_social_context", "poor_equipment", "teacher_shortage",
                "many_students_with_special_needs", "language_barriers", "weak_subject_competence")) {
            assertTrue(c.factors().containsKey(id), id);
            assertTrue(c.factors().get(id).measured(), id);
        }
        assertTrue(c.factors().values().stream().filter(f -> !f.measured()).allMatch(f -> f.why() != null && f.signals().isEmpty()));
        assertTrue(c.factors().values().stream().anyMatch(f -> !f.measured()), "the catalogue says what cannot be measured");
        for (String fact : List.of("equipment_missing_share", "teacher_vacancy_share", "sen_share", "other_language_share")) {
            assertTrue(c.factors().values().stream().flatMap(f -> f.signals().stream())
                    .anyMatch(s -> s.source() == RiskFactor.Source.PROFILE && fact.equals(s.fact())), fact);
        }
    }

    /** Issue #22: teachers' competence is read from the needs questionnaire's six readiness scales and the profile. */
    @Test
    void subjectCompetenceRestsOnTheTeachersNeedsModule() {
        RiskFactor f = RiskCatalogue.bundled().factors().get("weak_subject_competence");
        List<RiskFactor.Signal> constructs = f.signals().stream().filter(s -> s.source() == RiskFactor.Source.CONSTRUCT).toList();
        assertEquals(List.of("readiness_assessment", "readiness_low_motivation", "readiness_differentiation",
                "readiness_classroom_management", "readiness_data_use", "readiness_parents"),
                constructs.stream().map(s -> s.constructs().getFirst()).toList());
        assertTrue(constructs.stream().allMatch(s -> s.respondent() == Respondent.TEACHER
                && "teachers-needs".equals(s.questionnaire()) && s.rule().when() == RiskRule.When.BELOW));
        assertTrue(f.signals().stream().anyMatch(s -> s.source() == RiskFactor.Source.PROFILE && "staff_trained_share".equals(s.fact())));
    }

    @Test
    void theBuildCheckFindsNothingInTheModule() {
        List<Problem> found = Validate.run(MODULE);
        assertEquals(List.of(), found);
    }

    @Test
    void theConstructCatalogueSkipsTheRiskFile() {
        assertTrue(Instruments.yamlFiles(MODULE.resolve("catalogue")).stream().noneMatch(f -> f.name().endsWith(RiskCatalogue.FILE)));
        assertFalse(Instruments.bundledIndex(Instruments.CATALOGUE).contains(RiskCatalogue.FILE));
    }

    @Test
    void rulesGiveEachLevel() {
        RiskRule below = new RiskRule(RiskRule.When.BELOW, 50, 70);
        assertEquals(RiskLevel.HIGH, below.levelOf(49.9));
        assertEquals(RiskLevel.MEDIUM, below.levelOf(50));
        assertEquals(RiskLevel.MEDIUM, below.levelOf(69.9));
        assertEquals(RiskLevel.LOW, below.levelOf(70));
        RiskRule atLeast = new RiskRule(RiskRule.When.AT_LEAST, 40, 25);
        assertEquals(RiskLevel.HIGH, atLeast.levelOf(40));
        assertEquals(RiskLevel.MEDIUM, atLeast.levelOf(25));
        assertEquals(RiskLevel.LOW, atLeast.levelOf(24.9));
        assertEquals(RiskLevel.HIGH, RiskLevel.higher(RiskLevel.NOT_ENOUGH_DATA, RiskLevel.HIGH));
        assertEquals(RiskLevel.MEDIUM, RiskLevel.higher(RiskLevel.LOW, RiskLevel.MEDIUM));
        assertEquals(RiskLevel.NOT_ENOUGH_DATA, RiskLevel.higher(RiskLevel.NOT_ENOUGH_DATA, RiskLevel.NOT_ENOUGH_DATA));
    }

    @Test
    void badCataloguesAreRefused() throws IOException {
        String ok = bundledText();
        assertEquals(List.of(), problems(ok));
        refused(ok.replace("construct: engagement,", "construct: enthusiasm,"), "unknown construct 'enthusiasm'");
        refused(ok.replace("construct: engagement,", "construct: shared_values,"), "has no level");
        refused(ok.replaceFirst("rule: \\{when: below, high: 50, medium: 70\\}", "rule: {when: below, high: 80, medium: 70}"),
                "must not exceed the medium one");
        refused(ok.replace("high: 40, medium: 25", "high: 20, medium: 25"), "must not be under the medium one");
        refused(ok.replace("fact: sen_share", "fact: sen_count"), "unknown fact 'sen_count'");
        refused(ok.replace("{source: external, min_schools: 4,", "{source: external,"), "needs 'min_schools'");
        refused(ok.replace("high: 0.15, medium: 0.07", "high: lots, medium: 0.07"), "must be a number");
        refused(ok.replaceFirst("measured: false\n", "measured: true\n"), "'why' is only for a factor that is not measured");
        refused(ok.replaceFirst("version: \\d+", "version: 0"), "'version' must be 1 or more");
        refused(ok.replaceFirst("rule: \\{when: below, high: 50, medium: 70\\}", "rule: {when: under, high: 50, medium: 70}"),
                "unknown 'when'");
        refused(ok.replace("respondent: parent, rule: {when: below, high: 50, medium: 70}}\n  low_parental",
                "rule: {when: below, high: 50, medium: 70}}\n  low_parental"), "needs 'respondent'");
    }

    @Test
    void theBuildCheckRefusesABadRiskFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("catalogue"));
        Files.createDirectories(dir.resolve("instruments"));
        for (String f : List.of("constructs.yaml", "scales.yaml", "identification.yaml", "index.txt")) {
            Files.copy(MODULE.resolve("catalogue").resolve(f), dir.resolve("catalogue").resolve(f));
        }
        for (String f : List.of("students-5-11.yaml", "parents.yaml", "teachers.yaml", "teachers-needs.yaml")) {
            Files.copy(MODULE.resolve("instruments").resolve(f), dir.resolve("instruments").resolve(f));
        }
        Files.writeString(dir.resolve("instruments/index.txt"), "students-5-11.yaml\nparents.yaml\nteachers.yaml\nteachers-needs.yaml\n");
        InstrumentsTest.copySchemas(dir);
        Files.writeString(dir.resolve("catalogue").resolve(RiskCatalogue.FILE), bundledText());
        assertEquals(List.of(), Validate.run(dir));
        Files.writeString(dir.resolve("catalogue").resolve(RiskCatalogue.FILE),
                bundledText().replace("measured: true\n    signals:\n      - {source: context", "measured: maybe\n    signals:\n      - {source: context"));
        List<Problem> found = Validate.run(dir);
        assertTrue(found.stream().anyMatch(p -> p.where().startsWith("schema ")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.message().contains("must be true or false")), found.toString());
        // a construct no questionnaire asks of that group would never have data
        Files.writeString(dir.resolve("catalogue").resolve(RiskCatalogue.FILE),
                bundledText().replace("construct: family_partnership, respondent: parent", "construct: family_partnership, respondent: teacher"));
        assertTrue(Validate.run(dir).stream().anyMatch(p -> p.message().contains("no questionnaire asks teachers")));
        assertThrows(IllegalStateException.class, () -> Validate.main(new String[] {dir.toString()}));
    }
}
