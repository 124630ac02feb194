package org.uklad.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the sample PDF kept in the docs folder: the demo pair of schools (as the dev-mode demo
 * names them) with synthetic answers of students, parents and teachers. Not a test.
 *
 * <p>{@code java ... org.uklad.report.SampleSummary docs/sample-school-summary-ru.pdf [ru|en]}
 */
public final class SampleSummary {

    private SampleSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/sample-school-summary-ru.pdf");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "ru");
        try (SummaryDemoData demo = new SummaryDemoData(1, 24, new String[] {"Школа № 1 (демо)", "Школа № 2 (демо)"})) {
            byte[] pdf = demo.app.getBean(SchoolSummaryService.class).render(demo.wave, demo.schools.getFirst(), locale);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, pdf);
            System.out.println("Wrote " + out + " (" + pdf.length + " bytes)");
        }
    }
}
