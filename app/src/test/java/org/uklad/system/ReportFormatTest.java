package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A printed 95% interval of a 0–100 score never reaches past the ends of the scale. */
class ReportFormatTest {

    @Test
    void aScoreIntervalIsCutAtZeroAndAHundred() {
        ReportFormat ru = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        assertThat(ru.interval(43.7, 100.8)).isEqualTo("43,7–100,0");
        assertThat(ru.interval(-3.25, 12.0)).isEqualTo("0,0–12,0");
        assertThat(ru.interval(55.04, 70.06)).isEqualTo("55,0–70,1");
        assertThat(new ReportFormat(Messages.ENGLISH, ZoneId.of("UTC")).interval(-0.01, 140)).isEqualTo("0.0–100.0");
    }
}
