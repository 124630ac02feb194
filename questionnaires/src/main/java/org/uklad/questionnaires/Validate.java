package org.uklad.questionnaires;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Validates the data files of a questionnaires folder: the catalogue, every instrument, every
 * focus-group guide, each file against its JSON Schema, unique questionnaire and guide keys, and
 * each folder's {@code index.txt}. Run by the build ({@code process-classes}); prints each problem as
 * {@code file:line: where: message} and fails if there is any.
 *
 * <pre>java -cp ... org.uklad.questionnaires.Validate questionnaires/</pre>
 */
public final class Validate {

    private Validate() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        List<Problem> problems = run(dir);
        PrintStream out = System.out;
        if (problems.isEmpty()) {
            out.println("Uklad questionnaires: all files in " + dir + " are valid.");
            return;
        }
        for (Problem p : problems) {
            System.err.println(p);
        }
        // Thrown rather than System.exit: exec:java runs inside Maven's JVM and fails the build on it.
        throw new IllegalStateException(problems.size() + " problem(s) in the questionnaire files of " + dir);
    }

    /** Every problem in the data folders under {@code dir}, in file and line order. */
    public static List<Problem> run(Path dir) {
        List<Problem> problems = new ArrayList<>();
        Path catalogueDir = dir.resolve(Instruments.CATALOGUE);
        Catalogue catalogue = Catalogue.empty();
        try {
            catalogue = Instruments.catalogue(catalogueDir);
        } catch (QuestionnaireException e) {
            problems.addAll(e.problems());
        }
        Map<String, String> keys = new HashMap<>();
        List<Questionnaire> parsed = new ArrayList<>();
        for (SourceFile f : Instruments.questionnaires(dir.resolve(Instruments.INSTRUMENTS))) {
            try {
                Questionnaire q = QuestionnaireParser.parse(f, catalogue);
                parsed.add(q);
                String other = keys.putIfAbsent(q.key(), f.name());
                if (other != null) {
                    problems.add(new Problem(f.name(), 0, "key", "questionnaire key '" + q.key()
                            + "' is also used by " + other));
                }
            } catch (QuestionnaireException e) {
                problems.addAll(e.problems());
            }
        }
        Map<String, String> guideKeys = new HashMap<>();
        for (SourceFile f : Instruments.yamlFiles(dir.resolve(Instruments.GUIDES))) {
            try {
                FocusGroupGuide g = GuideParser.parse(f, catalogue);
                String other = guideKeys.putIfAbsent(g.key(), f.name());
                if (other != null) {
                    problems.add(new Problem(f.name(), 0, "key", "guide key '" + g.key() + "' is also used by " + other));
                }
            } catch (QuestionnaireException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(schemaProblems(dir));
        problems.addAll(RiskCatalogue.problems(dir, catalogue, parsed));
        for (String folder : List.of(Instruments.INSTRUMENTS, Instruments.CATALOGUE, Instruments.GUIDES)) {
            problems.addAll(indexProblems(dir.resolve(folder)));
        }
        List<Problem> out = new ArrayList<>(new LinkedHashSet<>(problems));
        out.sort(java.util.Comparator.comparing(Problem::source).thenComparingInt(Problem::line));
        return out;
    }

    /** Each YAML file checked against its folder's schema. */
    static List<Problem> schemaProblems(Path dir) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> schemaOf = Map.of(
                Instruments.INSTRUMENTS, "questionnaire.schema.json",
                Instruments.CATALOGUE, "catalogue.schema.json",
                Instruments.GUIDES, "guide.schema.json");
        for (Map.Entry<String, String> e : schemaOf.entrySet()) {
            Path schemaFile = dir.resolve(Instruments.SCHEMA).resolve(e.getValue());
            List<SourceFile> files = Instruments.yamlFiles(dir.resolve(e.getKey()));
            if (files.isEmpty()) {
                continue;
            }
            if (!Files.isRegularFile(schemaFile)) {
                problems.add(new Problem(Instruments.SCHEMA + "/" + e.getValue(), 0, "", "schema file is missing"));
                continue;
            }
            SchemaCheck check;
            try {
                check = new SchemaCheck(dir.resolve(Instruments.SCHEMA), e.getValue());
            } catch (RuntimeException ex) {
                problems.add(new Problem(Instruments.SCHEMA + "/" + e.getValue(), 0, "", "invalid schema: " + ex.getMessage()));
                continue;
            }
            for (SourceFile f : files) {
                if (!IdentificationRules.isRulesFile(f.name())) {
                    problems.addAll(check.check(f));
                }
            }
        }
        problems.addAll(identificationProblems(dir));
        return problems;
    }

    /** The identification rules beside the catalogue: their own schema, then their own checks. */
    static List<Problem> identificationProblems(Path dir) {
        Path file = dir.resolve(Instruments.CATALOGUE).resolve(IdentificationRules.FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        SourceFile source;
        try {
            source = new SourceFile(Instruments.CATALOGUE + "/" + IdentificationRules.FILE,
                    Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Problem> problems = new ArrayList<>(
                new SchemaCheck(dir.resolve(Instruments.SCHEMA), "identification.schema.json").check(source));
        try {
            IdentificationRules.parse(source);
        } catch (QuestionnaireException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    /** The folder's YAML files and its index.txt must list the same names. */
    static List<Problem> indexProblems(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        String name = folder.toAbsolutePath().normalize().getFileName() + "/" + Instruments.INDEX;
        List<Problem> problems = new ArrayList<>();
        Set<String> onDisk = new LinkedHashSet<>();
        try (Stream<Path> s = Files.list(folder)) {
            String folderName = folder.toAbsolutePath().normalize().getFileName().toString();
            s.map(p -> p.getFileName().toString()).filter(Instruments::isYaml)
                    .filter(f -> !Instruments.isCatalogueData(folderName, f)).sorted().forEach(onDisk::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path index = folder.resolve(Instruments.INDEX);
        if (!Files.isRegularFile(index)) {
            if (!onDisk.isEmpty()) {
                problems.add(new Problem(name, 0, "", "index file is missing; list: " + String.join(", ", onDisk)));
            }
            return problems;
        }
        List<String> listed;
        try {
            listed = Instruments.parseIndex(Files.readString(index, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String f : onDisk) {
            if (!listed.contains(f)) {
                problems.add(new Problem(name, 0, f, "file is in the folder but not in the index (it would not be bundled)"));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String f : listed) {
            if (!onDisk.contains(f)) {
                problems.add(new Problem(name, 0, f, "listed in the index but no such file"));
            }
            if (!seen.add(f)) {
                problems.add(new Problem(name, 0, f, "listed twice"));
            }
        }
        return problems;
    }
}
