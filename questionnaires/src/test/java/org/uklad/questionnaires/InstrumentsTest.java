package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.questionnaires.TestSupport.assertProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled data: indices complete, every file valid and passing its JSON Schema. */
class InstrumentsTest {

    static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void everyDataFileIsListedInItsIndex() throws IOException {
        for (String folder : List.of(Instruments.INSTRUMENTS, Instruments.CATALOGUE, Instruments.GUIDES)) {
            Path dir = MODULE.resolve(folder);
            TreeSet<String> onDisk;
            try (Stream<Path> s = Files.list(dir)) {
                onDisk = s.map(p -> p.getFileName().toString()).filter(Instruments::isYaml)
                        .filter(f -> !Instruments.isCatalogueData(folder, f))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(onDisk, new TreeSet<>(Instruments.bundledIndex(folder)),
                    folder + "/index.txt must list exactly the folder's YAML files");
            assertEquals(onDisk.size(), Instruments.bundledIndex(folder).size(), folder + "/index.txt has duplicates");
        }
    }

    @Test
    void bundledFilesAreOnTheClasspath() {
        assertFalse(Instruments.bundledQuestionnaires().isEmpty());
        assertTrue(Instruments.bundledQuestionnaires().stream().allMatch(f -> f.name().startsWith("instruments/")));
        Catalogue c = Instruments.bundledCatalogue();
        assertTrue(c.constructs().containsKey("teacher_demandingness"));
        assertTrue(c.scales().containsKey("agree4"));
        Questionnaire example = Instruments.bundledQuestionnaire("example");
        assertEquals("example", example.key());
        assertEquals(Instruments.bundledQuestionnaires().size(), Instruments.bundledParsed().size());
    }

    @Test
    void diskLoadingMatchesTheBundle() throws QuestionnaireException {
        java.util.Comparator<SourceFile> byName = java.util.Comparator.comparing(SourceFile::name);
        assertEquals(Instruments.bundledQuestionnaires().stream().sorted(byName).toList(),
                Instruments.questionnaires(MODULE.resolve("instruments")));
        assertEquals(Instruments.bundledCatalogue().constructs(),
                Instruments.catalogue(MODULE.resolve("catalogue")).constructs());
    }

    @Test
    void theModuleValidates() {
        List<Problem> problems = Validate.run(MODULE);
        assertTrue(problems.isEmpty(), () -> problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void everyBundledFilePassesItsSchema() {
        List<Problem> problems = Validate.schemaProblems(MODULE);
        assertTrue(problems.isEmpty(), () -> problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        // and the check is live: the schema rejects what the parser rejects
        SchemaCheck schema = new SchemaCheck(MODULE.resolve("schema"), "questionnaire.schema.json");
        String bad = TestSupport.withItems(QuestionnaireParserTest.LIKERT + "  revers: true\n  maxLength: 5\n");
        List<Problem> found = schema.check(new SourceFile("bad.yaml", bad));
        assertProblem(found, 13, "revers");
        assertTrue(found.stream().anyMatch(p -> p.line() == 8), found.toString());
        assertFalse(schema.check(new SourceFile("bad.yaml", bad.replace("respondent: student", "respondent: pupil"))).stream()
                .noneMatch(p -> p.line() == 4));
        SchemaCheck catalogue = new SchemaCheck(MODULE.resolve("schema"), "catalogue.schema.json");
        assertProblem(catalogue.check(new SourceFile("c.yaml", TestSupport.CATALOGUE.replace("domain: teaching", "domain: finance"))),
                4, "");
    }

    @Test
    void validateReportsBadFilesAndIndexGaps(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("instruments"));
        Files.createDirectories(dir.resolve("catalogue"));
        Files.writeString(dir.resolve("catalogue/test.yaml"), TestSupport.CATALOGUE);
        Files.writeString(dir.resolve("catalogue/index.txt"), "test.yaml\n");
        Files.writeString(dir.resolve("instruments/bad.yaml"),
                TestSupport.withItems(QuestionnaireParserTest.LIKERT + "  reverse: maybe\n"));
        Files.writeString(dir.resolve("instruments/index.txt"), "other.yaml\n");
        copySchemas(dir);
        List<Problem> problems = Validate.run(dir);
        assertProblem(problems, 13, "must be true or false");
        assertProblem(problems, "not in the index");
        assertProblem(problems, "listed in the index but no such file");
        assertTrue(problems.stream().anyMatch(p -> p.where().startsWith("schema ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("instruments/bad.yaml:13: item a1: ")),
                problems.toString());
    }

    static void copySchemas(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("schema"));
        try (Stream<Path> s = Files.list(MODULE.resolve("schema"))) {
            for (Path p : s.toList()) {
                Files.copy(p, dir.resolve("schema").resolve(p.getFileName()));
            }
        }
    }

    @Test
    void exampleIsStableAndSelfContained() throws QuestionnaireException {
        SourceFile file = Instruments.bundledQuestionnaires().stream()
                .filter(f -> f.name().equals("instruments/example.yaml")).findFirst().orElseThrow();
        Questionnaire q = QuestionnaireParser.parse(file, Catalogue.empty());
        assertEquals("example", q.key());
        assertEquals(Respondent.STUDENT, q.respondent());
        assertEquals(List.of("grade", "dem1", "dem2", "com1", "com2", "bullied", "bullied_where", "comment"),
                q.items().stream().map(Item::id).toList());
        assertEquals(List.of(ItemType.NUMBER, ItemType.LIKERT, ItemType.LIKERT, ItemType.LIKERT, ItemType.LIKERT,
                ItemType.SINGLE, ItemType.MULTIPLE, ItemType.TEXT), q.items().stream().map(Item::type).toList());
        assertTrue(q.item("dem2").orElseThrow().reverse());
        assertEquals(new ShowIf("bullied", List.of("once", "often")), q.item("bullied_where").orElseThrow().showIf());
        // its local definitions are copies of the catalogue's, so they cannot drift apart
        Catalogue c = Instruments.bundledCatalogue();
        q.constructs().forEach((id, construct) -> assertEquals(c.constructs().get(id), construct, id));
        q.scales().forEach((id, scale) -> assertEquals(c.scales().get(id), scale, id));
    }
}
