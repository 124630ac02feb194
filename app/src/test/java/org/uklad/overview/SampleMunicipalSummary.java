package org.uklad.overview;

import org.uklad.context.ExternalResults;
import org.uklad.context.FamilyContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.uklad.report.SummaryDemoData;

/**
 * Writes the sample municipal summary kept in the docs folder: eight demo schools in four
 * mentor–supported pairs with synthetic answers of students, parents (with family context answers
 * that follow the school's level) and teachers, and an external result per school that rises
 * with the family context index, with noise (one school well above the line), so the clusters and the context regression
 * both show. Not a test.
 *
 * <p>{@code java ... org.uklad.overview.SampleMunicipalSummary docs/sample-municipal-summary-ru.pdf [ru|en]}
 */
public final class SampleMunicipalSummary {

    private SampleMunicipalSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/sample-municipal-summary-ru.pdf");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "ru");
        try (SummaryDemoData demo = new SummaryDemoData(4, 16, null)) {
            ExternalResults results = demo.app.getBean(ExternalResults.class);
            WaveOverviewService overviews = demo.app.getBean(WaveOverviewService.class);
            Random random = new Random(20251001);
            // results rise with the family context index plus noise; the second supported school
            // does clearly better than its conditions
            for (WaveOverview.ContextSchool c : overviews.compute(demo.wave).context().schools()) {
                double context = c.contextIndex() == null ? 0.5 : c.contextIndex();
                double result = 3.1 + 1.4 * context + random.nextGaussian() * 0.08
                        + (c.schoolId() == demo.schools.get(2) ? 0.35 : 0);
                results.save(demo.wave, c.schoolId(), Math.round(result * 100) / 100.0, "ОГЭ, математика, средний балл");
            }
            WaveOverview o = overviews.compute(demo.wave);
            OverviewPresenter presenter = demo.app.getBean(OverviewPresenter.class);
            byte[] pdf = demo.app.getBean(MunicipalSummaryPdf.class).render(o, presenter.present(o, locale), locale,
                    presenter.format(locale), Instant.now());
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, pdf);
            System.out.println("Wrote " + out + " (" + pdf.length + " bytes)");
        }
    }
}
