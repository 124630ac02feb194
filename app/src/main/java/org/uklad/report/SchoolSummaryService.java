package org.uklad.report;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.uklad.account.SchoolScope;
import org.uklad.focusgroup.FocusSummaries;
import org.uklad.indices.Comparison;
import org.uklad.indices.Comparisons;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.indices.WaveIndices;
import org.uklad.indices.WaveSnapshot;
import org.uklad.indices.WaveSnapshots;
import org.uklad.questionnaires.GapSide;
import org.uklad.questionnaires.Item;
import org.uklad.risk.RiskProfiles;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.statements.Statements;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.ErrorCode;
import org.uklad.system.Messages;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The PDF summary of one school in one wave, for its director: title page, one-page overview with
 * findings, teachers' shared values and real–ideal gap, focus groups, method notes (see {@link SchoolSummaryPdf}).
 *
 * <p>Every figure comes from {@link IndicesService}, so the PDF shows exactly what the indices API
 * shows for the same school and wave, suppression included: a group below the threshold prints
 * "fewer than k answers" and no number. Response counts below the threshold are withheld the same
 * way (and their rate with them, since rate × expected size would give the count back).
 *
 * <p>The school is set beside its partner school (mentor or supported school, {@link Schools#partnerships()};
 * with several, the one paired first). A school without a partner is set beside all schools of the
 * wave pooled, when that pooled figure may be shown. A reader who may not read the partner school
 * ({@link SchoolScope#mayReadPartner}, the rule of the dashboard and the staff API) gets the school on
 * its own: no partner figure, and no pooled figure either, from which the partner's could be worked out.
 *
 * <p>The findings, the change since the previous wave and the problem matrix use the verdicts of
 * {@link Comparisons} (against the partner, or, without one, the other schools of the wave pooled),
 * the same the dashboard shows.
 */
@Singleton
public class SchoolSummaryService {

    private final RiskProfiles risks;
    private final ReportTurns turns;
    private final IndicesService indices;
    private final Comparisons comparisons;
    private final Waves waves;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final ResponseCountStore counts;
    private final SchoolSummaryPdf pdf;
    private final FocusSummaries focusGroups;
    private final ReportFormats formats;
    private final SchoolScope scope;
    private final Statements statements;
    private final ConstructLabels labels;
    private final Clock clock;

    SchoolSummaryService(IndicesService indices, Comparisons comparisons, Waves waves, Schools schools, QuestionnaireRegistry questionnaires,
                         ResponseCountStore counts, SchoolSummaryPdf pdf, FocusSummaries focusGroups, ReportFormats formats,
                         SchoolScope scope, Statements statements, ConstructLabels labels, RiskProfiles risks,
                         ReportTurns turns) {
        this.turns = turns;
        this.labels = labels;
        this.risks = risks;
        this.scope = scope;
        this.statements = statements;
        this.indices = indices;
        this.comparisons = comparisons;
        this.waves = waves;
        this.schools = schools;
        this.questionnaires = questionnaires;
        this.counts = counts;
        this.pdf = pdf;
        this.focusGroups = focusGroups;
        this.formats = formats;
        this.clock = Clock.systemUTC();
    }

    /**
     * The whole summary as a PDF document, the partner's figures included (the administration API).
     *
     * @param locale Russian unless English is asked for
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave or school
     */
    public byte[] render(long waveId, long schoolId, Locale locale) {
        return render(waveId, schoolId, locale, true);
    }

    /**
     * The summary as the signed-in staff member {@code asking} may read it: the partner's figures only
     * when {@link SchoolScope#mayReadPartner} allows them, as on the dashboard. Who may download it at
     * all is the caller's question.
     */
    public byte[] renderFor(Authentication asking, long waveId, long schoolId, Locale locale) {
        return render(waveId, schoolId, locale, scope.mayReadPartner(asking, schoolId));
    }

    private byte[] render(long waveId, long schoolId, Locale locale, boolean withPartner) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return render(new WaveSnapshots(indices), wave, schoolId, locale, withPartner);
    }

    /**
     * The summary from the snapshots the caller reads ({@link WaveSnapshots}): every figure of the PDF,
     * its comparisons and its risk profile included, comes from the one snapshot of each wave taken
     * there (a batch of a wave's schools takes them once for all its PDFs).
     *
     * @param withPartner whether the reader may see the partner school's figures ({@link SchoolScope#mayReadPartner})
     */
    public byte[] render(WaveSnapshots taken, Wave wave, long schoolId, Locale locale, boolean withPartner) {
        Locale language = Messages.supported(locale);
        return turns.inTurn(() -> pdf.render(summary(taken, wave, schoolId, language, withPartner), language,
                formats.of(language)));
    }

    /** The construct's names for a reader, the same as on the dashboard and in the API ({@link ConstructLabels}). */
    private SchoolSummary.Names names(WaveIndices computed, QuestionnaireIndices q, ConstructIndex c) {
        return new SchoolSummary.Names(labels.level(computed, q, c), labels.agreement(computed, q, c),
                labels.namesForm(computed, q, c));
    }

    /** A file name for the summary: ASCII only, e.g. {@code uklad-summary-wave-3-school-17-ru.pdf}. */
    public static String fileName(long waveId, long schoolId, Locale locale) {
        return "uklad-summary-wave-" + waveId + "-school-" + schoolId + "-" + Messages.supported(locale).getLanguage()
                + ".pdf";
    }

    SchoolSummary summary(WaveSnapshots taken, Wave wave, long schoolId, Locale locale, boolean withPartner) {
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Optional<Schools.Partner> pairing = schools.partnerOf(schoolId);
        WaveSnapshot now = taken.of(wave.id());
        WaveIndices computed = now.indices();
        if (pairing.isPresent() && !withPartner) {
            return alone(taken, wave, school, locale);
        }
        School partner = pairing.map(Schools.Partner::school).orElse(null);
        boolean partnerIsMentor = pairing.map(Schools.Partner::mentor).orElse(false);
        SchoolSummary.Reference reference = partner == null ? SchoolSummary.Reference.WAVE
                : SchoolSummary.Reference.PARTNER;
        int k = computed.minGroupSize();

        List<SchoolSummary.RoleCount> roles = new ArrayList<>();
        List<SchoolSummary.Row> rows = new ArrayList<>();
        ResponseCountStore.Counts mine = counts.counts(wave.id(), schoolId);
        ResponseCountStore.Counts theirs = partner == null ? null : counts.counts(wave.id(), partner.id());
        Comparison versus = partner == null ? comparisons.restOfWave(now, schoolId)
                : comparisons.partner(now, schoolId).orElseThrow();
        for (QuestionnaireIndices q : computed.questionnaires()) {
            Long n = visible(mine.responses().get(q.versionId()), k);
            Long pn = theirs == null ? null : visible(theirs.responses().get(q.versionId()), k);
            roles.add(new SchoolSummary.RoleCount(q.respondent(), q.title(), n, rate(n, mine.expected().get(q.versionId())),
                    pn, theirs == null ? null : rate(pn, theirs.expected().get(q.versionId()))));
            Map<String, Text> pairTexts = pairTexts(q.versionId());
            for (ConstructIndex c : q.constructs()) {
                SchoolIndex own = c.entryOf(schoolId);
                SchoolIndex ref = partner == null ? c.overall() : c.entryOf(partner.id());
                rows.add(new SchoolSummary.Row(q.respondent(), c, own, ref, pairTexts,
                        versus.find(q.versionId(), c.construct()).orElse(null), names(computed, q, c)));
            }
        }
        return new SchoolSummary(wave, school, partner, partnerIsMentor, reference, k, roles, rows, clock.instant(),
                comparisons.previousWave(taken, wave.id(), schoolId).orElse(null), comparisons.matrix(now, schoolId, true),
                focusGroups.summary(school, wave, locale.getLanguage(), computed), statements.safety(wave.id(), schoolId),
                risks.of(now, schoolId));
    }

    /**
     * The school on its own, for a reader who may not see its partner: no reference figure at all
     * (the wave's pooled figure would give the partner's back when the pair is most of the wave), the
     * matrix against the wave's median school only, the change since the previous wave as usual.
     */
    private SchoolSummary alone(WaveSnapshots taken, Wave wave, School school, Locale locale) {
        WaveSnapshot now = taken.of(wave.id());
        WaveIndices computed = now.indices();
        int k = computed.minGroupSize();
        List<SchoolSummary.RoleCount> roles = new ArrayList<>();
        List<SchoolSummary.Row> rows = new ArrayList<>();
        ResponseCountStore.Counts mine = counts.counts(wave.id(), school.id());
        for (QuestionnaireIndices q : computed.questionnaires()) {
            Long n = visible(mine.responses().get(q.versionId()), k);
            roles.add(new SchoolSummary.RoleCount(q.respondent(), q.title(), n, rate(n, mine.expected().get(q.versionId())),
                    null, null));
            Map<String, Text> pairTexts = pairTexts(q.versionId());
            for (ConstructIndex c : q.constructs()) {
                rows.add(new SchoolSummary.Row(q.respondent(), c, c.entryOf(school.id()), NOTHING, pairTexts, null,
                        names(computed, q, c)));
            }
        }
        return new SchoolSummary(wave, school, null, false, SchoolSummary.Reference.HIDDEN, k, roles, rows,
                clock.instant(), comparisons.previousWave(taken, wave.id(), school.id()).orElse(null),
                comparisons.matrix(now, school.id(), false), focusGroups.summary(school, wave, locale.getLanguage(), computed),
                statements.safety(wave.id(), school.id()), risks.of(now, school.id()));
    }

    /** The reference of a school shown alone: withheld, with no figure. */
    private static final SchoolIndex NOTHING = new SchoolIndex(null, true, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    /** A count below the threshold is withheld (null), as the indices withhold its group. */
    private static Long visible(Long n, int k) {
        return n != null && n >= k ? n : null;
    }

    private static Double rate(Long responses, Long expected) {
        return responses == null || expected == null || expected <= 0 ? null : 100.0 * responses / expected;
    }

    private Map<String, Text> pairTexts(long versionId) {
        Map<String, Text> texts = new LinkedHashMap<>();
        LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
        for (Item item : q.questionnaire().items()) {
            if (item.gapPair() != null && item.gapSide() == GapSide.NOW && item.text() != null) {
                texts.put(item.gapPair(), new Text(item.text().ru(), item.text().en()));
            }
        }
        return texts;
    }
}
