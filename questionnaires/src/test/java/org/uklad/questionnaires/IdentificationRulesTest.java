package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identification rules file: the bundled one reads as the issue states it, bad ones are refused by line. */
class IdentificationRulesTest {

    static final String GOOD = """
            scope: region
            years: 3
            subjects:
              - {assessment: ОГЭ, subject: Математика}
            categories:
              - category: SHNRO
                results: {position: bottom, percent: 10, years: 3}
              - category: SHRSSU
                context: {bottom_third_share_above: 0.4}
            resilience: {margin: 1.5, min_years: 2}
            mentors: {max: 3}
            """;

    @Test
    void bundledRulesAreTheIssuesRules() {
        IdentificationRules r = IdentificationRules.bundled();
        assertEquals(IdentificationRules.Scope.MUNICIPALITY, r.scope());
        assertEquals(3, r.years());
        assertTrue(r.subjects().isEmpty(), "all subjects");
        assertEquals(List.of("SHNRO", "SHRSSU", "SHUVRO"), r.categories().stream().map(IdentificationRules.Rule::category).toList());
        assertEquals(new IdentificationRules.ResultsRule(false, 10, 3), r.categories().get(0).results());
        assertEquals(new IdentificationRules.ContextRule(25.0, 0.4), r.categories().get(1).context());
        assertEquals(new IdentificationRules.ResultsRule(true, 25, 3), r.categories().get(2).results());
        assertEquals(2, r.minYears());
        assertEquals(3, r.mentors());
    }

    @Test
    void anExplicitListAndOneContextThreshold() throws QuestionnaireException {
        IdentificationRules r = IdentificationRules.parse(new SourceFile("catalogue/identification.yaml", GOOD));
        assertEquals(IdentificationRules.Scope.REGION, r.scope());
        assertEquals(List.of(new IdentificationRules.Subject("ОГЭ", "Математика")), r.subjects());
        assertNull(r.categories().get(1).context().indexBottomPercent());
        assertEquals(1.5, r.margin());
    }

    @Test
    void mistakesAreNamedByLine() {
        String bad = GOOD.replace("percent: 10, years: 3", "percent: 140, years: 4").replace("SHRSSU", "SHXX")
                .replace("0.4}", "0.4x}");
        QuestionnaireException e = assertThrows(QuestionnaireException.class,
                () -> IdentificationRules.parse(new SourceFile("catalogue/identification.yaml", bad)));
        String all = e.problems().toString();
        assertTrue(all.contains("must be from 0.0 to 100.0"), all);
        assertTrue(all.contains("more than the 3 years"), all);
        assertTrue(all.contains("unknown category SHXX"), all);
        assertTrue(all.contains("not a number"), all);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0), all);
    }

    @Test
    void theBuildChecksTheFileAgainstItsSchemaAndRules(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("catalogue"));
        Files.createDirectories(dir.resolve("schema"));
        for (String s : List.of("identification.schema.json", "catalogue.schema.json", "common.schema.json")) {
            Files.copy(InstrumentsTest.MODULE.resolve("schema").resolve(s), dir.resolve("schema").resolve(s));
        }
        Files.writeString(dir.resolve("catalogue/identification.yaml"), GOOD.replace("scope: region", "scope: city"));
        Files.writeString(dir.resolve("catalogue/index.txt"), "identification.yaml\n");
        List<Problem> problems = Validate.run(dir);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("municipality or region")), problems.toString());
        // the schema speaks too, and the catalogue parser leaves the rules file alone
        assertTrue(problems.stream().allMatch(p -> p.source().contains("identification")), problems.toString());
        Files.writeString(dir.resolve("catalogue/identification.yaml"), GOOD);
        assertEquals(List.of(), Validate.run(dir));
    }
}
