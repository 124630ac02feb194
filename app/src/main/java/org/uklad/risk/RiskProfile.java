package org.uklad.risk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.indices.Text;
import org.uklad.questionnaires.RiskFactor;
import org.uklad.questionnaires.RiskLevel;
import org.uklad.questionnaires.Respondent;

/**
 * A school's risk profile in a wave: each factor of the risk catalogue with its level and the
 * evidence behind it. A figure resting on a group under the minimum size is never given: such a
 * signal is {@code NOT_ENOUGH_DATA} with no value.
 *
 * @param waveId           the wave
 * @param schoolId         the school
 * @param schoolName       its name
 * @param catalogueVersion the version of the risk catalogue the rules come from
 * @param minGroupSize     the anonymity threshold in force
 * @param factors          every factor of the catalogue, in catalogue order
 */
@Serdeable
public record RiskProfile(long waveId, long schoolId, String schoolName, int catalogueVersion, int minGroupSize,
                          List<Factor> factors) {

    public RiskProfile {
        factors = List.copyOf(factors);
    }

    /** The factor with this id. */
    public java.util.Optional<Factor> factor(String id) {
        return factors.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /**
     * One factor.
     *
     * @param id       the catalogue id
     * @param name     its name
     * @param meaning  what it means and what it is read from
     * @param measured false when Uklad cannot measure it ({@code why} says why; level NOT_ENOUGH_DATA)
     * @param level    the highest level any of its signals gives; NOT_ENOUGH_DATA when none gives one
     * @param why      why it cannot be measured, or null
     * @param evidence one entry per signal figure (a construct asked in two forms gives two)
     */
    @Serdeable
    public record Factor(String id, Text name, Text meaning, boolean measured, RiskLevel level, @Nullable Text why,
                         List<Evidence> evidence) {
        public Factor {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * One figure behind a factor.
     *
     * @param source     where it comes from
     * @param subject    what the figure is ("Вовлечённость в учёбу (учащиеся)", "Внешний результат: ОГЭ…")
     * @param respondent the respondent group (construct and matrix signals), or null
     * @param constructs the constructs it reads (construct and matrix signals)
     * @param fact       the profile fact (profile signals), or null
     * @param level      the level this figure gives by its rule
     * @param value      the figure (percent favourable; problem marks; percent of the wave's other schools
     *                   with a lower result; percent of families in the bottom third; the fact), or null
     *                   when there are not enough data
     * @param n          what it rests on: respondents, cells compared, schools with a result, families; or null
     * @param lower      lower bound of the 95% interval of the group's mean on 0–100 (construct signals), or null
     * @param upper      upper bound of it, or null
     * @param mean       the group's mean on 0–100 (construct signals), or null
     * @param rule       the rule in words, with its thresholds
     */
    @Serdeable
    public record Evidence(RiskFactor.Source source, Text subject, @Nullable Respondent respondent, List<String> constructs,
                           @Nullable String fact, RiskLevel level, @Nullable Double value, @Nullable Long n,
                           @Nullable Double mean, @Nullable Double lower, @Nullable Double upper, Text rule) {
        public Evidence {
            constructs = List.copyOf(constructs);
        }
    }
}
