package org.uklad.report;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.uklad.focusgroup.FocusSummaries;
import org.uklad.indices.Comparison;
import org.uklad.indices.ConstructComparison;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.School;
import org.uklad.risk.RiskProfile;
import org.uklad.statements.SafetyFigures;
import org.uklad.wave.Wave;

/**
 * Everything one school summary shows, already suppressed: every figure here may be printed. The
 * indices are the ones the indices API returns for the same wave and school; counts below the
 * threshold are absent.
 *
 * @param wave          the wave
 * @param school        the school the summary is about
 * @param partner       its partner school in the programme, if any
 * @param partnerIsMentor true when the partner mentors this school, false when this school mentors it
 * @param reference     what the school is compared with: the partner school, or, without a partner,
 *                      all schools of the wave pooled; nothing for a reader who may not see the partner
 * @param minGroupSize  the anonymity threshold in force
 * @param roles         response counts per questionnaire of the wave
 * @param constructs    every construct of every questionnaire of the wave, in questionnaire order
 * @param generatedAt   when the document was made
 * @param previousWave  the school against itself in the most recent earlier wave it took part in
 *                      ("change since the previous wave"); null when there is none
 * @param matrix        the problem matrix
 * @param focusGroups   the school's focus groups in the wave, as their summary page shows them
 * @param safety        the students' safety section ({@link SafetySection})
 * @param risk          the school's risk profile ({@link RiskPdfSection})
 */
record SchoolSummary(Wave wave, School school, @Nullable School partner, boolean partnerIsMentor,
                     Reference reference, int minGroupSize, List<RoleCount> roles, List<Row> constructs,
                     Instant generatedAt, @Nullable Comparison previousWave, ProblemMatrix matrix,
                     FocusSummaries.Summary focusGroups, SafetyFigures safety, RiskProfile risk) {

    /**
     * What the school's figures are set beside: its partner, all schools of the wave pooled (no
     * partner), or nothing (a partner the reader may not see: every reference figure is withheld).
     */
    enum Reference { PARTNER, WAVE, HIDDEN }

    /**
     * Responses of one questionnaire (one respondent group).
     *
     * @param responses        this school's responses; null when fewer than the threshold (then no rate either)
     * @param ratePercent      responses per expected respondent (the codes' expected sizes), if known
     * @param partnerResponses the same for the partner school (null without a partner or below the threshold)
     */
    record RoleCount(Respondent role, Text questionnaire, @Nullable Long responses, @Nullable Double ratePercent,
                     @Nullable Long partnerResponses, @Nullable Double partnerRatePercent) {}

    /**
     * One construct as one respondent group sees it.
     *
     * @param role      who answered
     * @param index     the construct's definition and pooled figures (its school list is not used)
     * @param school    this school's figures (possibly suppressed)
     * @param reference the partner's figures, or the wave's pooled figures (possibly suppressed)
     * @param pairTexts for a gap construct: the text of each pair's "now" item, by pair id
     * @param versus    the school against the reference by the rule of {@link org.uklad.indices.Verdict}
     *                  (level and agreement constructs; null for the others)
     * @param names     the construct's names for a reader ({@link org.uklad.indices.ConstructLabels})
     */
    record Row(Respondent role, ConstructIndex index, SchoolIndex school, SchoolIndex reference,
               Map<String, Text> pairTexts, @Nullable ConstructComparison versus, Names names) {}

    /**
     * A construct's names as {@link org.uklad.indices.ConstructLabels} makes them.
     *
     * @param level     the name of its level (0–100 score)
     * @param agreement the name of its agreement (rWG(J)); for an AGREEMENT construct only
     * @param namesForm whether the names carry the questionnaire form (then the respondent group
     *                  need not follow in brackets)
     */
    record Names(Text level, Text agreement, boolean namesForm) {}
}
