package org.uklad.questionnaire;

import org.uklad.system.FieldCode;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.questionnaires.Catalogue;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.QuestionnaireException;
import org.uklad.questionnaires.QuestionnaireParser;
import org.uklad.questionnaires.SourceFile;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.Hashes;
import org.uklad.system.Jdbc;
import org.uklad.system.ProblemException;

/**
 * Keeps questionnaire files and stored versions in step. At start every file becomes a version
 * unless an identical one exists; a changed file (or a change in the shared constructs and scales
 * it uses) becomes the next version; stored versions are never modified, so a response always
 * points at exactly what its respondent saw.
 */
@Singleton
public class QuestionnaireRegistry implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionnaireRegistry.class);

    private final QuestionnaireVersionRepository versions;
    private final Jdbc jdbc;
    private final JsonMapper json;
    private final QuestionnaireSource source;
    private final Map<Long, LoadedQuestionnaire> cache = new ConcurrentHashMap<>();
    private volatile List<CatalogueFile> catalogueFiles;
    private volatile Catalogue catalogue;
    /** The keys of the questionnaires in the source files (bundled or the configured folder), in file order. */
    private volatile List<String> sourceKeys = List.of();

    QuestionnaireRegistry(QuestionnaireVersionRepository versions, Jdbc jdbc, JsonMapper json,
                          QuestionnaireSource source) {
        this.versions = versions;
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
    }

    /** One catalogue file as kept beside each version. */
    @Serdeable
    record CatalogueFile(String name, String text) {}

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loadFiles();
    }

    /** Imports every instrument file of the configured source; fails start-up on an invalid file. */
    public synchronized void loadFiles() {
        List<SourceFile> files;
        if (source.dir() == null || source.dir().isBlank()) {
            catalogueFiles = bundledCatalogueFiles();
            files = Instruments.bundledQuestionnaires();
        } else {
            Path dir = Path.of(source.dir());
            catalogueFiles = Instruments.yamlFiles(dir.resolve(Instruments.CATALOGUE)).stream()
                    .map(f -> new CatalogueFile(f.name(), f.text())).toList();
            files = Instruments.yamlFiles(dir.resolve(Instruments.INSTRUMENTS));
        }
        try {
            catalogue = Catalogue.parse(toSourceFiles(catalogueFiles));
        } catch (QuestionnaireException e) {
            throw new IllegalStateException("The questionnaire catalogue is invalid:\n" + e.getMessage(), e);
        }
        List<String> keys = new ArrayList<>();
        for (SourceFile file : files) {
            ImportResult result;
            try {
                result = importFile(file);
            } catch (ProblemException e) {
                throw new IllegalStateException("Questionnaire file " + file.name() + " is invalid: " + e.fieldErrors(), e);
            }
            if (result.created()) {
                LOG.info("Questionnaire {} stored as version {} (from {})", result.key(), result.version(), file.name());
            }
            keys.add(result.key());
        }
        sourceKeys = List.copyOf(keys);
    }

    /**
     * The questionnaires that come with the service (its source files), as opposed to ones imported
     * at run time: anyone may read these (the public questionnaire pages).
     */
    public List<String> sourceKeys() {
        return sourceKeys;
    }

    /**
     * Validates a questionnaire file against the current catalogue and stores it as a new version
     * unless an identical version exists.
     *
     * @throws ProblemException {@link ErrorCode#QUESTIONNAIRE_INVALID} naming every problem of the file
     */
    public ImportResult importFile(SourceFile file) {
        Questionnaire parsed;
        try {
            parsed = QuestionnaireParser.parse(file, catalogue);
        } catch (QuestionnaireException e) {
            List<FieldError> errors = e.problems().stream()
                    .map(p -> FieldError.of(p.source() + ":" + p.line() + (p.where() == null || p.where().isBlank() ? "" : " " + p.where()),
                            FieldCode.QUESTIONNAIRE_PROBLEM, p.message()))
                    .toList();
            throw new ProblemException(ErrorCode.QUESTIONNAIRE_INVALID, errors);
        }
        String fingerprint = fingerprint(file.text(), parsed);
        String catalogueJson = catalogueJson();
        return jdbc.inTransaction(() -> {
            versions.lockKey(parsed.key());
            Optional<QuestionnaireVersion> same = versions.findByQuestionnaireKeyAndFingerprint(parsed.key(), fingerprint);
            if (same.isPresent()) {
                return new ImportResult(same.get().id(), parsed.key(), same.get().version(), false);
            }
            int next = versions.findFirstByQuestionnaireKeyOrderByVersionDesc(parsed.key())
                    .map(v -> v.version() + 1).orElse(1);
            QuestionnaireVersion saved = versions.save(new QuestionnaireVersion(null, parsed.key(), next, fingerprint,
                    file.name(), file.text(), catalogueJson, parsed.respondent().name(), parsed.title().ru(),
                    parsed.title().en(), null));
            return new ImportResult(saved.id(), parsed.key(), next, true);
        });
    }

    /** A stored version, parsed exactly as it was imported (with the catalogue kept beside it). */
    public Optional<LoadedQuestionnaire> byId(long versionId) {
        LoadedQuestionnaire cached = cache.get(versionId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return versions.findById(versionId).map(this::load);
    }

    /** The newest version of a questionnaire. */
    public Optional<LoadedQuestionnaire> latest(String key) {
        return versions.findFirstByQuestionnaireKeyOrderByVersionDesc(key).map(v -> byId(v.id()).orElseThrow());
    }

    public List<QuestionnaireSummary> list() {
        return versions.findAllOrderByQuestionnaireKeyAndVersion().stream().map(QuestionnaireSummary::of).toList();
    }

    /** The stored YAML of a version (for download and audit). */
    public Optional<String> sourceText(long versionId) {
        return versions.findById(versionId).map(QuestionnaireVersion::sourceText);
    }

    private LoadedQuestionnaire load(QuestionnaireVersion v) {
        return cache.computeIfAbsent(v.id(), id -> {
            try {
                List<CatalogueFile> files = json.readValue(v.catalogueJson(), Argument.listOf(CatalogueFile.class));
                // as imported: a rule added since (faces only where the smile is favourable) must not lock its responses out
                Questionnaire q = QuestionnaireParser.parseStored(new SourceFile(v.sourceName(), v.sourceText()),
                        Catalogue.parseStored(toSourceFiles(files)));
                return new LoadedQuestionnaire(v.id(), v.questionnaireKey(), v.version(), q);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (QuestionnaireException e) {
                throw new IllegalStateException("Stored questionnaire version " + v.id() + " no longer parses", e);
            }
        });
    }

    private String catalogueJson() {
        try {
            return new String(json.writeValueAsBytes(Argument.listOf(CatalogueFile.class), catalogueFiles), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SHA-256 over the file and the definitions of the constructs and scales it uses, in a fixed
     * order: a new version exactly when something a respondent sees or the scoring uses changed.
     */
    static String fingerprint(String text, Questionnaire q) {
        StringBuilder canonical = new StringBuilder(text).append('\u0000');
        q.constructs().values().stream().sorted(Comparator.comparing(c -> c.id()))
                .forEach(c -> canonical.append(c).append('\n'));
        q.scales().values().stream().sorted(Comparator.comparing(s -> s.id()))
                .forEach(s -> canonical.append(s).append('\n'));
        return Hashes.sha256Hex(canonical.toString());
    }

    private static List<SourceFile> toSourceFiles(List<CatalogueFile> files) {
        return files.stream().map(f -> new SourceFile(f.name(), f.text())).toList();
    }

    private static List<CatalogueFile> bundledCatalogueFiles() {
        List<CatalogueFile> out = new ArrayList<>();
        for (String name : Instruments.bundledIndex(Instruments.CATALOGUE)) {
            String path = Instruments.RESOURCE_ROOT + Instruments.CATALOGUE + "/" + name;
            try (InputStream in = Instruments.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Bundled catalogue file missing: " + path);
                }
                out.add(new CatalogueFile(Instruments.CATALOGUE + "/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
