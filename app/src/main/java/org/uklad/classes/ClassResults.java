package org.uklad.classes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.indices.Text;
import org.uklad.questionnaires.Respondent;

/**
 * A school's climate indices per class (group label of its access codes) in one wave, for the
 * school psychologist and the coordinator.
 *
 * @param waveId        the wave
 * @param schoolId      the school
 * @param minGroupSize  k: no class, and no class's construct, is shown on fewer respondents
 * @param questionnaires one entry per questionnaire version of the wave
 */
@Serdeable
public record ClassResults(long waveId, long schoolId, int minGroupSize,
                           @JsonInclude(JsonInclude.Include.ALWAYS) List<QuestionnaireClasses> questionnaires) {

    public ClassResults {
        questionnaires = List.copyOf(questionnaires);
    }

    /**
     * One questionnaire version.
     *
     * @param classes    the classes shown, each with at least k published responses; the classes under
     *                   k together as one entry marked {@code merged} (label {@code "(other groups)"}),
     *                   shown only when they together reach k (else the smallest class joins them, so
     *                   the school's own figure minus the shown classes never gives a small class away;
     *                   with no class of k at all, nothing is shown)
     * @param constructs every LEVEL and AGREEMENT construct, in questionnaire order
     */
    @Serdeable
    public record QuestionnaireClasses(long versionId, String key, Respondent respondent, Text title,
                                       @JsonInclude(JsonInclude.Include.ALWAYS) List<ClassGroup> classes,
                                       @JsonInclude(JsonInclude.Include.ALWAYS) List<ConstructClasses> constructs) {

        public QuestionnaireClasses {
            classes = List.copyOf(classes);
            constructs = List.copyOf(constructs);
        }
    }

    /** A class as shown: its label (or the merged small classes) and its published responses. */
    @Serdeable
    public record ClassGroup(String label, boolean merged, long responses) {}

    /**
     * One construct across the classes.
     *
     * @param classes one entry per shown class, in the order of {@link QuestionnaireClasses#classes()}
     * @param icc1    ICC(1) of person scores across the classes whose score is shown (one-way ANOVA,
     *                {@code multilevel::ICC1}); absent with fewer than two such classes
     */
    @Serdeable
    public record ConstructClasses(String construct, Text title, List<ClassScore> classes, @Nullable Double icc1) {

        public ConstructClasses {
            classes = List.copyOf(classes);
        }
    }

    /**
     * A class's score on a construct. {@code suppressed} (no number at all) when fewer than k of its
     * respondents have a score, or when the suppressed classes together would have fewer than k and
     * so be found by subtraction from the school's figure (then the smallest shown class is
     * suppressed too).
     *
     * @param n          respondents with a score (two thirds of the construct's items answered)
     * @param mean       mean score on the construct's response scale
     * @param sd         standard deviation (n − 1)
     * @param score      the mean on 0–100
     * @param ciLower    lower bound of the 95% t interval of the mean on 0–100
     * @param ciUpper    upper bound
     */
    @Serdeable
    public record ClassScore(String label, boolean merged, boolean suppressed, @Nullable Long n, @Nullable Double mean,
                             @Nullable Double sd, @Nullable Double score, @Nullable Double ciLower,
                             @Nullable Double ciUpper) {

        static ClassScore hidden(ClassGroup group) {
            return new ClassScore(group.label(), group.merged(), true, null, null, null, null, null, null);
        }
    }
}
