package org.uklad.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Http;

/**
 * Writes the sample PDF kept in the docs folder: the demo pair of schools (as the dev-mode demo
 * names them) with synthetic answers of students, parents and teachers and one parents' focus group
 * at the first school (coded quotes and a quick poll), so every section of the summary shows. Not a test.
 *
 * <p>{@code java ... org.uklad.report.SampleSummary docs/sample-school-summary-ru.pdf [ru|en]}
 */
public final class SampleSummary {

    private static final String JSON = "application/json";

    private SampleSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/sample-school-summary-ru.pdf");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "ru");
        try (SummaryDemoData demo = new SummaryDemoData(1, 24, new String[] {"Школа № 1 (демо)", "Школа № 2 (демо)"})) {
            focusGroup(demo, demo.schools.getFirst());
            byte[] pdf = demo.app.getBean(SchoolSummaryService.class).render(demo.wave, demo.schools.getFirst(), locale);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, pdf);
            System.out.println("Wrote " + out + " (" + pdf.length + " bytes)");
        }
    }

    /** A parents' focus group recorded by the school's psychologist through the staff API. */
    static void focusGroup(SummaryDemoData demo, long school) {
        StaffAgent psy = StaffAgent.signedIn(demo.http, demo.app.getBean(Accounts.class), Role.PSYCHOLOGIST, List.of(school));
        Http.Response created = post(psy, "/api/v1/staff/focus-groups/sessions", """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02", "moderator": "Психолог школы",
                 "guide": "focus-parents", "participants": [{"role": "PARENT", "grade": 7, "count": 6}]}"""
                .formatted(school, demo.wave));
        long id = demo.http.json(created).get("id").getLongValue();
        String[][] excerpts = {
            {"p_dem1", "Требуют много, но не всегда понятно, что именно нужно сделать.", "teacher_demandingness", "MIXED", "true"},
            {"p_dem2", "Учителя спрашивают строго, и ребёнок стал больше готовиться.", "teacher_demandingness", "POSITIVE", "false"},
            {"p_aw1", "О требованиях узнаём из электронного дневника, объяснений мало.", "awareness_of_requirements", "NEGATIVE", "true"},
            {"p_com1", "Ребёнку в классе спокойно, конфликтов почти нет.", "comfort", "POSITIVE", "true"},
            {"p_com2", "На переменах бывает шумно и тесно.", "comfort", "NEGATIVE", "false"},
        };
        for (String[] e : excerpts) {
            post(psy, "/api/v1/staff/focus-groups/sessions/" + id + "/excerpts", """
                    {"questionId": "%s", "text": "%s", "code": "%s", "sentiment": "%s", "tags": [], "representative": %s}"""
                    .formatted(e[0], e[1], e[2], e[3], e[4]));
        }
        post(psy, "/api/v1/staff/focus-groups/sessions/" + id + "/polls",
                "{\"theme\": \"comfort\", \"question\": \"Ребёнку комфортно в школе?\", \"counts\": [0, 1, 1, 3, 1]}");
    }

    private static Http.Response post(StaffAgent a, String path, String body) {
        Http.Response r = a.send("POST", path, JSON, body, "Accept", JSON, "X-CSRF-Token", a.csrf);
        if (r.status() != 201) {
            throw new IllegalStateException(path + ": " + r.status() + " " + r.body());
        }
        return r;
    }
}
