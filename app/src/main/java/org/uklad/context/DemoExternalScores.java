package org.uklad.context;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.wave.DemoSeed;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The demo's external results over three years (the interim wave's school year and the two before):
 * ОГЭ in four subjects and ЕГЭ in three for the eight demo schools, imported as a monitoring centre's
 * CSV. Each school's results follow its planned level, shifted by its category so that the ШНРО
 * schools are at the bottom and the ШУВРО schools at the top of every subject and year; the
 * supported schools improve a little each year, and the second supported school is clearly above
 * what its conditions predict in ОГЭ mathematics (the overview's context view has a line and a school
 * that beats it). Школа № 6 has no ЕГЭ social studies (a missing subject). ОГЭ mathematics of each
 * wave's school year is the wave's one-number outcome. Deterministic; off outside {@code dev}.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoExternalScores implements ApplicationEventListener<DemoSeed.Seeded> {

    static final String OUTCOME_SUBJECT = "математика";
    static final List<String> OGE = List.of("математика", "русский язык", "обществознание", "информатика");
    static final List<String> EGE = List.of("математика", "русский язык", "обществознание");
    static final String MISSING_SCHOOL = "Школа № 6 (демо)";
    static final String MISSING_SUBJECT = "обществознание";

    private final ExternalScores scores;
    private final Schools schools;
    private final Waves waves;

    DemoExternalScores(ExternalScores scores, Schools schools, Waves waves) {
        this.scores = scores;
        this.waves = waves;
        this.schools = schools;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        Random random = new Random(20251001);
        long resilient = event.schools().stream().filter(DemoSeed.DemoSchool::supported).skip(1).findFirst()
                .map(DemoSeed.DemoSchool::id).orElse(-1L);
        int last = ExternalScores.schoolYear(opens(event.interimWaveId()));
        StringBuilder csv = new StringBuilder("school_id,year,assessment,subject,mean_score,participants,below_pass_share\n");
        for (int year = last - 2; year <= last; year++) {
            for (DemoSeed.DemoSchool s : event.schools()) {
                SchoolCategory category = schools.find(s.id()).orElseThrow().category();
                // ШНРО below every ШРССУ, ШУВРО above every other school, whatever the noise (±0.015)
                double shift = category == SchoolCategory.SHNRO ? -0.12 : category == SchoolCategory.SHUVRO ? 0.10 : 0;
                double level = s.level() + shift + (s.supported() ? 0.03 * (year - last + 2) : 0);
                for (String subject : OGE) {
                    double e = level + noise(random) + (s.id() == resilient && subject.equals(OUTCOME_SUBJECT) ? 0.19 : 0);
                    row(csv, s.id(), year, "ОГЭ", subject, 2.9 + 1.6 * e, 40 + random.nextInt(40), Math.max(0, 0.3 - 0.35 * e));
                }
                for (String subject : EGE) {
                    if (s.name().equals(MISSING_SCHOOL) && subject.equals(MISSING_SUBJECT)) {
                        continue;
                    }
                    double e = level + noise(random);
                    row(csv, s.id(), year, "ЕГЭ", subject, 42 + 38 * e, 12 + random.nextInt(30), Math.max(0, 0.2 - 0.25 * e));
                }
            }
        }
        scores.importCsv(csv.toString());
        for (long wave : List.of(event.entryWaveId(), event.interimWaveId())) {
            int year = Math.max(last - 2, ExternalScores.schoolYear(opens(wave)));
            scores.chooseOutcome(wave, String.valueOf(year), "ОГЭ", OUTCOME_SUBJECT);
        }
    }

    private Instant opens(long waveId) {
        return waves.find(waveId).map(Wave::opensAt).orElseThrow();
    }

    private static double noise(Random random) {
        return (random.nextDouble() - 0.5) * 0.03;
    }

    private static void row(StringBuilder csv, long school, int year, String assessment, String subject, double mean,
                            int participants, double belowPass) {
        csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%.2f,%d,%.3f%n", school, year, assessment, subject, mean,
                participants, belowPass));
    }
}
