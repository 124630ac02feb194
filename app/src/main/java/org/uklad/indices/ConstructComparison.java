package org.uklad.indices;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.Respondent;

/**
 * One construct of a school against a reference, differences this school minus the reference, all
 * on 0–100. With {@link Verdict#TOO_FEW_ANSWERS} (either side below the threshold) every number is
 * absent.
 *
 * @param versionId      the questionnaire version of this school's figure (in the wave compared)
 * @param questionnaire  its key
 * @param respondent     who answered
 * @param construct      construct id
 * @param title          construct name
 * @param domain         column of the problem matrix
 * @param verdict        the words, by the rule of {@link Verdict}
 * @param n              this school's scored respondents
 * @param referenceN     the reference's scored respondents
 * @param score          this school's mean score
 * @param referenceScore the reference's mean score
 * @param difference     score − reference score
 * @param ciLower        lower bound of the Welch 95% interval of the difference
 * @param ciUpper        upper bound
 * @param welchP         two-sided p of Welch's t-test
 * @param mannWhitneyP   two-sided p of the Mann–Whitney test (normal approximation, tie and
 *                       continuity corrections)
 * @param adjustedP      Welch p adjusted by Benjamini–Hochberg over the constructs of the comparison
 * @param hedgesG        Hedges' g (pooled SD, exact small-sample correction)
 * @param hedgesGLower   lower 95% bound of g
 * @param hedgesGUpper   upper 95% bound of g
 */
@Serdeable
public record ConstructComparison(long versionId, String questionnaire, Respondent respondent, String construct,
                                  Text title, Domain domain, Verdict verdict, @Nullable Long n,
                                  @Nullable Long referenceN, @Nullable Double score, @Nullable Double referenceScore,
                                  @Nullable Double difference, @Nullable Double ciLower, @Nullable Double ciUpper,
                                  @Nullable Double welchP, @Nullable Double mannWhitneyP, @Nullable Double adjustedP,
                                  @Nullable Double hedgesG, @Nullable Double hedgesGLower,
                                  @Nullable Double hedgesGUpper) {

    /** The same comparison under another name (a reader's name from {@link ConstructLabels}). */
    public ConstructComparison titled(Text name) {
        return new ConstructComparison(versionId, questionnaire, respondent, construct, name, domain, verdict, n,
                referenceN, score, referenceScore, difference, ciLower, ciUpper, welchP, mannWhitneyP, adjustedP,
                hedgesG, hedgesGLower, hedgesGUpper);
    }

    static ConstructComparison tooFew(long versionId, String questionnaire, Respondent respondent, ConstructIndex c) {
        return new ConstructComparison(versionId, questionnaire, respondent, c.construct(), c.title(), c.domain(),
                Verdict.TOO_FEW_ANSWERS, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
