package org.uklad.risk;

import jakarta.inject.Singleton;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.context.ExternalResults;
import org.uklad.context.FamilyContext;
import org.uklad.indices.Comparisons;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.IndicesService;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.indices.WaveIndices;
import org.uklad.indices.WaveSnapshot;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Respondent;
import org.uklad.questionnaires.RiskCatalogue;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.Messages;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Schools' risk profiles in a wave ({@link RiskProfile}): the rules of the bundled risk catalogue
 * ({@link RiskEvaluation}) over the school's indices (percent favourable of each construct as each
 * group rates it), its problem matrix, its external result among the wave's, its family context
 * index and its profile facts ({@link ProfileFacts}).
 *
 * <p>The problem matrix is read <b>against the wave's median school only</b>, never the partner:
 * the profile is the same for every reader (a director who may not see the partner school reads
 * the same one) and compares every school alike, with or without a partner.
 */
@Singleton
public class RiskProfiles {

    private final IndicesService indices;
    private final Comparisons comparisons;
    private final ConstructLabels labels;
    private final ExternalResults external;
    private final FamilyContext context;
    private final ProfileFacts facts;
    private final Schools schools;
    private final Waves waves;
    private final Messages messages;
    private final ReportFormats formats;
    private final RiskCatalogue catalogue = RiskCatalogue.bundled();
    private final Map<String, Text> constructTitles = new LinkedHashMap<>();

    RiskProfiles(IndicesService indices, Comparisons comparisons, ConstructLabels labels, ExternalResults external,
                 FamilyContext context, ProfileFacts facts, Schools schools, Waves waves, Messages messages,
                 ReportFormats formats) {
        this.indices = indices;
        this.comparisons = comparisons;
        this.labels = labels;
        this.external = external;
        this.context = context;
        this.facts = facts;
        this.schools = schools;
        this.waves = waves;
        this.messages = messages;
        this.formats = formats;
        Instruments.bundledCatalogue().constructs().forEach((id, c) -> constructTitles.put(id,
                new Text(c.title().ru(), c.title().en())));
    }

    /** The catalogue the rules come from. */
    public RiskCatalogue catalogue() {
        return catalogue;
    }

    /**
     * One school's profile in a wave.
     *
     * @throws ProblemException NOT_FOUND for an unknown wave or school
     */
    public RiskProfile of(long waveId, long schoolId) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return profile(wave, school, new WaveData(indices.snapshot(wave.id())));
    }

    /**
     * One school's profile from the snapshot of the wave the caller's page or PDF reads, so that the
     * profile shows the same state of the wave as the rest of it.
     *
     * @throws ProblemException NOT_FOUND for an unknown school
     */
    public RiskProfile of(WaveSnapshot now, long schoolId) {
        Wave wave = waves.find(now.indices().waveId()).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return profile(wave, school, new WaveData(now));
    }

    /**
     * The profiles of the wave's schools (those with codes or answers in it, or an external result)
     * among {@code schoolIds}, in the order of the school list.
     *
     * @throws ProblemException NOT_FOUND for an unknown wave
     */
    public List<RiskProfile> ofWave(long waveId, Collection<Long> schoolIds) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        WaveData data = new WaveData(indices.snapshot(waveId));
        Set<Long> inWave = new LinkedHashSet<>();
        for (QuestionnaireIndices q : data.indices.questionnaires()) {
            for (ConstructIndex c : q.constructs()) {
                c.schools().forEach(s -> inWave.add(s.schoolId()));
            }
        }
        data.results.forEach(r -> inWave.add(r.schoolId()));
        List<RiskProfile> out = new ArrayList<>();
        for (School s : schools.all()) {
            if (inWave.contains(s.id()) && schoolIds.contains(s.id())) {
                out.add(profile(wave, s, data));
            }
        }
        return out;
    }

    /** What every school of a wave is read against, fetched once per request: one snapshot of its indices. */
    private final class WaveData {
        final WaveSnapshot snapshot;
        final WaveIndices indices;
        final List<ExternalResults.ExternalResult> results;
        final Map<Long, Suppressible<SchoolContext>> contexts;

        WaveData(WaveSnapshot snapshot) {
            long waveId = snapshot.indices().waveId();
            this.snapshot = snapshot;
            this.indices = snapshot.indices();
            this.results = external.of(waveId);
            this.contexts = context.indices(waveId);
        }
    }

    private RiskProfile profile(Wave wave, School school, WaveData data) {
        long id = school.id();
        List<RiskEvaluation.ConstructFigure> constructs = new ArrayList<>();
        for (QuestionnaireIndices q : data.indices.questionnaires()) {
            for (ConstructIndex c : q.constructs()) {
                if (c.indexKind() != IndexKind.LEVEL) {
                    continue;
                }
                SchoolIndex e = c.entryOf(id);
                Text name = named(labels.level(data.indices, q, c), q.respondent());
                if (e.suppressed() || e.percentFavourable() == null) {
                    constructs.add(new RiskEvaluation.ConstructFigure(q.respondent(), q.key(), c.construct(), name, null, null,
                            null, null, null));
                } else {
                    SchoolIndex.Score100 s = e.score100();
                    constructs.add(new RiskEvaluation.ConstructFigure(q.respondent(), q.key(), c.construct(), name,
                            e.percentFavourable(), e.n(), s == null ? null : s.mean(), s == null ? null : s.ciLower(),
                            s == null ? null : s.ciUpper()));
                }
            }
        }
        List<RiskEvaluation.MatrixCell> cells = comparisons.matrix(data.snapshot, id, false).domains().stream()
                .flatMap(d -> d.cells().stream())
                .map(c -> new RiskEvaluation.MatrixCell(c.respondent(), c.construct(), c.mark())).toList();
        RiskEvaluation.External ext = data.results.stream().filter(r -> r.schoolId() == id).findFirst()
                .map(r -> new RiskEvaluation.External(r.value(), r.label(),
                        data.results.stream().map(ExternalResults.ExternalResult::value).toList()))
                .orElse(null);
        RiskEvaluation.Context ctx = null;
        Suppressible<SchoolContext> sc = data.contexts.get(id);
        if (sc instanceof Suppressible.Shown<SchoolContext> shown) {
            ctx = new RiskEvaluation.Context(shown.value().bottomThirdShare(), shown.value().families());
        } else if (sc != null) {
            ctx = new RiskEvaluation.Context(null, null);
        }
        Map<String, Double> known = facts.facts(id, schoolYear(wave));
        RiskEvaluation.Figures figures = new RiskEvaluation.Figures(constructs, cells, ext, ctx, known);
        return new RiskProfile(wave.id(), id, school.name(), catalogue.version(), indices.minGroupSize(),
                RiskEvaluation.evaluate(catalogue, figures, words()));
    }

    /** The calendar year the wave's school year starts in: a school year runs from September. */
    int schoolYear(Wave wave) {
        ZonedDateTime at = wave.opensAt().atZone(formats.zone());
        return at.getMonthValue() >= 9 ? at.getYear() : at.getYear() - 1;
    }

    /** "Name (group)", unless the name already says the group (a construct of two forms). */
    private Text named(Text name, Respondent respondent) {
        return new Text(withGroup(name.ru(), respondent, Messages.RUSSIAN), withGroup(name.en(), respondent, Messages.ENGLISH));
    }

    private String withGroup(String name, Respondent respondent, Locale locale) {
        String group = messages.get("report.role." + respondent.name().toLowerCase(Locale.ROOT), locale).toLowerCase(locale);
        return name.toLowerCase(locale).contains(group) ? name : name + " (" + group + ")";
    }

    private RiskEvaluation.Words words() {
        return new RiskEvaluation.Words() {
            @Override
            public Text of(String key, Object... args) {
                return new Text(messages.get(key, Messages.RUSSIAN, local(args, Messages.RUSSIAN)),
                        messages.get(key, Messages.ENGLISH, local(args, Messages.ENGLISH)));
            }

            @Override
            public Text construct(String construct, Respondent respondent) {
                return named(constructTitles.getOrDefault(construct, new Text(construct, construct)), respondent);
            }
        };
    }

    private Object[] local(Object[] args, Locale locale) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof Double d ? number(d, locale) : args[i] instanceof Integer n ? String.valueOf(n) : args[i];
        }
        return out;
    }

    /** A threshold or figure as a reader writes it: at most two decimals, none when whole. */
    static String number(double x, Locale locale) {
        java.text.DecimalFormat f = new java.text.DecimalFormat("0.##",
                java.text.DecimalFormatSymbols.getInstance(Messages.supported(locale)));
        return f.format(x).replace('-', '\u2212');
    }
}
