package org.uklad.questionnaires;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled data files and loading of the same layout from disk.
 *
 * <p>Layout (module folder on disk; in the jar the same folders sit under {@code uklad/}):
 * <pre>
 * instruments/*.yaml   questionnaires         + instruments/index.txt
 * catalogue/*.yaml     shared constructs and response scales + catalogue/index.txt
 * guides/*.yaml        focus-group guides     + guides/index.txt
 * schema/*.schema.json JSON Schemas of the three formats
 * </pre>
 * Each {@code index.txt} lists the folder's YAML files, one name a line, because a folder inside a
 * jar cannot be listed portably; a test and the build-time {@link Validate} fail if a file is missing
 * from its index. File names in {@link SourceFile#name()} are {@code folder/file.yaml}.
 */
public final class Instruments {

    /** Classpath folder holding the data folders. */
    public static final String RESOURCE_ROOT = "uklad/";
    public static final String INSTRUMENTS = "instruments";
    public static final String CATALOGUE = "catalogue";
    public static final String GUIDES = "guides";
    public static final String SCHEMA = "schema";
    public static final String INDEX = "index.txt";
    /**
     * Files of the catalogue folder in their own format (not constructs and scales), read by their
     * own classes: the construct catalogue's readers, its schema check and its index skip them.
     */
    public static final java.util.Set<String> CATALOGUE_DATA = java.util.Set.of(RiskCatalogue.FILE);

    private Instruments() {}

    /** The bundled shared catalogue. Bundled files are validated by the build, so this does not fail. */
    public static Catalogue bundledCatalogue() {
        try {
            return Catalogue.parse(bundled(CATALOGUE));
        } catch (QuestionnaireException e) {
            throw new IllegalStateException("bundled catalogue is invalid: " + e.getMessage(), e);
        }
    }

    /** The bundled questionnaire files, in index order (parse each with {@link QuestionnaireParser}). */
    public static List<SourceFile> bundledQuestionnaires() {
        return bundled(INSTRUMENTS);
    }

    /** The bundled focus-group guide files, in index order (parse each with {@link GuideParser}). */
    public static List<SourceFile> bundledGuides() {
        return bundled(GUIDES);
    }

    /** A bundled questionnaire parsed against the bundled catalogue, by key (e.g. {@code example}). */
    public static Questionnaire bundledQuestionnaire(String key) {
        Catalogue catalogue = bundledCatalogue();
        for (SourceFile f : bundledQuestionnaires()) {
            try {
                Questionnaire q = QuestionnaireParser.parse(f, catalogue);
                if (q.key().equals(key)) {
                    return q;
                }
            } catch (QuestionnaireException e) {
                throw new IllegalStateException("bundled questionnaire is invalid: " + e.getMessage(), e);
            }
        }
        throw new java.util.NoSuchElementException("no bundled questionnaire with key " + key);
    }

    /** All bundled questionnaires parsed against the bundled catalogue, in index order. */
    public static List<Questionnaire> bundledParsed() {
        Catalogue catalogue = bundledCatalogue();
        List<Questionnaire> out = new ArrayList<>();
        for (SourceFile f : bundledQuestionnaires()) {
            try {
                out.add(QuestionnaireParser.parse(f, catalogue));
            } catch (QuestionnaireException e) {
                throw new IllegalStateException("bundled questionnaire is invalid: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The catalogue declared by every {@code *.yaml} file in a folder on disk. */
    public static Catalogue catalogue(Path dir) throws QuestionnaireException {
        return Catalogue.parse(yamlFiles(dir));
    }

    /** Every {@code *.yaml} file in a folder on disk, sorted by name. */
    public static List<SourceFile> questionnaires(Path dir) {
        return yamlFiles(dir);
    }

    /**
     * Every {@code *.yaml} / {@code *.yml} file directly in a folder, sorted by name; empty if no
     * folder. In a catalogue folder the files of {@link #CATALOGUE_DATA} are left out.
     */
    public static List<SourceFile> yamlFiles(Path dir) {
        return yamlFiles(dir, false);
    }

    /** The same, with the catalogue folder's own-format files if {@code withData}. */
    static List<SourceFile> yamlFiles(Path dir, boolean withData) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            String folder = dir.toAbsolutePath().normalize().getFileName().toString();
            List<Path> paths = s.filter(p -> isYaml(p.getFileName().toString()) && Files.isRegularFile(p))
                    .filter(p -> withData || !isCatalogueData(folder, p.getFileName().toString()))
                    .sorted().toList();
            List<SourceFile> out = new ArrayList<>();
            for (Path p : paths) {
                out.add(new SourceFile(folder + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a file of a folder is one of {@link #CATALOGUE_DATA}. */
    static boolean isCatalogueData(String folder, String name) {
        return folder.equals(CATALOGUE) && CATALOGUE_DATA.contains(name);
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The names listed in a bundled folder's index.txt (blank lines and # comments ignored). */
    public static List<String> bundledIndex(String folder) {
        String index = resource(RESOURCE_ROOT + folder + "/" + INDEX);
        if (index == null) {
            return List.of();
        }
        return parseIndex(index);
    }

    static List<String> parseIndex(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<SourceFile> bundled(String folder) {
        List<SourceFile> out = new ArrayList<>();
        for (String name : bundledIndex(folder)) {
            String text = resource(RESOURCE_ROOT + folder + "/" + name);
            if (text == null) {
                throw new IllegalStateException("listed in " + folder + "/" + INDEX + " but not on the classpath: " + name);
            }
            out.add(new SourceFile(folder + "/" + name, text));
        }
        return out;
    }

    /** A classpath resource as UTF-8 text, or null. */
    static String resource(String path) {
        ClassLoader cl = Instruments.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
