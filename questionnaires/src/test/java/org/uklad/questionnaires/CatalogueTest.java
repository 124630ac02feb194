package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.questionnaires.TestSupport.assertProblem;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void parsesConstructsAndScales() {
        Catalogue c = TestSupport.catalogue();
        assertEquals(List.of("lvl", "lvl2", "agr", "gapc", "ctx"), List.copyOf(c.constructs().keySet()));
        assertEquals(IndexKind.GAP, c.constructs().get("gapc").index());
        assertEquals("faces", c.scales().get("s3").display());
        assertEquals("buttons", c.scales().get("s4").display(), "display defaults to buttons");
        assertEquals(List.of(3, 4), c.scales().get("s4").favourable());
        assertTrue(Catalogue.empty().constructs().isEmpty());
    }

    @Test
    void sameIdInTwoFilesIsAProblem() {
        String a = "scales:\n  x:\n    points:\n      - {value: 1, ru: \"а\", en: \"a\"}\n      - {value: 2, ru: \"б\", en: \"b\"}\n    favourable: [2]\n";
        var e = assertThrows(QuestionnaireException.class,
                () -> Catalogue.parse(List.of(new SourceFile("a.yaml", a), new SourceFile("b.yaml", a))));
        assertEquals("b.yaml", e.problems().getFirst().source());
        assertProblem(e.problems(), 2, "scale already declared in a.yaml");
    }

    @Test
    void reportsEveryProblemOfEveryFile() {
        var e = assertThrows(QuestionnaireException.class, () -> Catalogue.parse(List.of(
                new SourceFile("a.yaml", "constructs:\n  Bad:\n    title: {ru: \"т\", en: \"t\"}\n    domain: teaching\n    index: level\n"),
                new SourceFile("b.yaml", "scale:\n  x: {}\n"))));
        assertProblem(e.problems(), 2, "invalid id");
        assertProblem(e.problems(), 1, "unknown key 'scale'");
        assertEquals(List.of("a.yaml", "b.yaml"), e.problems().stream().map(Problem::source).distinct().toList());
    }
}
