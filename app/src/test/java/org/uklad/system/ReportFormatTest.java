package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A printed 95% interval of a 0–100 score never reaches past the ends of the scale; a negative number
 * carries the typographic minus in both languages.
 */
class ReportFormatTest {

    @Test
    void aScoreIntervalIsCutAtZeroAndAHundred() {
        ReportFormat ru = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        assertThat(ru.interval(43.7, 100.8)).isEqualTo("43,7–100,0");
        assertThat(ru.interval(-3.25, 12.0)).isEqualTo("0,0–12,0");
        assertThat(ru.interval(55.04, 70.06)).isEqualTo("55,0–70,1");
        assertThat(new ReportFormat(Messages.ENGLISH, ZoneId.of("UTC")).interval(-0.01, 140)).isEqualTo("0.0–100.0");
    }

    @Test
    void aNegativeNumberCarriesTheTypographicMinusAndZeroNoSign() {
        ReportFormat ru = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        ReportFormat en = new ReportFormat(Messages.ENGLISH, ZoneId.of("UTC"));
        assertThat(ru.coefficient(-0.254)).isEqualTo("\u22120,25");
        assertThat(en.coefficient(-3.04)).isEqualTo("\u22123.04");
        assertThat(ru.signedScore(-4.25)).isEqualTo("\u22124,3");
        assertThat(ru.signedScore(4.25)).isEqualTo("+4,3");
        assertThat(en.coefficientInterval(-0.5, 1.25)).isEqualTo("\u22120.50…1.25");
        assertThat(ru.coefficient(-0.001)).isEqualTo("0,00");
        assertThat(ru.score(-12.5) + en.percent(-3) + ru.signedCoefficient(-0.5)).doesNotContain("-");
    }
}
