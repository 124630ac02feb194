package org.uklad.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * One partner rule for the dashboard, the staff API and the PDF: what a reader sees of the partner
 * school on the screen is exactly what the API answers and what their PDF prints. An administrator,
 * a director, and a psychologist of both schools see the partner's figures everywhere; a
 * psychologist of the one school only sees them nowhere: no partner name, score or interval in the
 * page or the PDF, no partner comparison in the JSON.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerRuleTest extends AppTest {

    static final ReportFormat RU = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));

    @Inject Accounts accounts;
    @Inject Messages messages;

    long wave;
    long supported;
    long mentor;
    String mentorName;

    @BeforeAll
    void answer() {
        int tag = new Random().nextInt(1_000_000);
        supported = school("Школа № " + tag + " «Ромашка»", "SHNRO");
        mentorName = "Гимназия «Партнёр» № " + tag;
        mentor = school(mentorName, "SHUVRO");
        Http.Response pair = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported)));
        assertThat(pair.status()).as(pair.body()).isEqualTo(201);
        wave = fixture.openWave("example");
        fixture.exampleAnswers(wave, supported, SchoolSummaryTest.SEVEN);
        fixture.exampleAnswers(wave, mentor, SchoolSummaryTest.MENTOR);
    }

    long school(String name, String category) {
        Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                "name", name, "municipality", "Тестовый район", "category", category)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return http.json(r).get("id").getLongValue();
    }

    /** The partner's own figures as the indices API gives them, formatted as page and PDF print them: score and interval. */
    List<String> partnerFigures() {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/schools/" + mentor + "/indices", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode[] e : SchoolSummaryTest.entries(http.json(r))) {
            JsonNode s100 = e[1].get("score100");
            if (!e[1].get("suppressed").getBooleanValue() && s100 != null && s100.get("ciLower") != null) {
                out.add(RU.interval(s100.get("ciLower").getDoubleValue(), s100.get("ciUpper").getDoubleValue()));
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /** Kept under target/ for a look by eye. */
    static void keep(String name, byte[] content) {
        try {
            Files.write(Files.createDirectories(Path.of("target", "report-test")).resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one reader gets of the partner in each of the three places. */
    record Seen(boolean page, boolean api, boolean matrix, boolean pdf) {}

    Seen seenBy(StaffAgent reader) {
        List<String> figures = partnerFigures();
        String base = "/staff/waves/" + wave + "/schools/" + supported;
        Http.Response page = reader.get(base + "/dashboard");
        assertThat(page.status()).isEqualTo(200);
        Http.Response api = reader.getJson("/api/v1" + base + "/comparisons");
        assertThat(api.status()).isEqualTo(200);
        Http.Response matrix = reader.getJson("/api/v1" + base + "/problem-matrix");
        assertThat(matrix.status()).isEqualTo(200);
        HttpResponse<byte[]> pdf = SummaryDeliveryTest.download(server.getURI(), reader, base + "/summary.pdf?lang=ru");
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text = SchoolSummaryTest.text(pdf.body()).replaceAll("\\s+", " ");
        return new Seen(shows(page.body(), figures), http.json(api).get("partner") != null,
                http.json(matrix).get("withPartner").getBooleanValue(), shows(text, figures));
    }

    /** All the partner's figures and its name are there, or none of them. */
    boolean shows(String where, List<String> figures) {
        long found = figures.stream().filter(where::contains).count() + (where.contains(mentorName) ? 1 : 0);
        assertThat(found).as("all or nothing of the partner in%n%s", where).isIn(0L, (long) figures.size() + 1);
        return found > 0;
    }

    @Test
    void whoMayReadThePartnerSeesItOnThePageInTheApiAndInThePdfAndWhoMayNotNowhere() {
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(supported));
        StaffAgent psychologistOfBoth = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(supported, mentor));
        StaffAgent psychologistOfOne = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(supported));
        assertThat(seenBy(admin)).isEqualTo(new Seen(true, true, true, true));
        assertThat(seenBy(director)).isEqualTo(new Seen(true, true, true, true));
        assertThat(seenBy(psychologistOfBoth)).isEqualTo(new Seen(true, true, true, true));
        assertThat(seenBy(psychologistOfOne)).isEqualTo(new Seen(false, false, false, false));
        // what the psychologist of one school reads instead: the page and the PDF say the partner is withheld
        String base = "/staff/waves/" + wave + "/schools/" + supported;
        String dashboard = psychologistOfOne.get(base + "/dashboard").body();
        assertThat(dashboard).contains("id=\"partner-hidden\"");
        // nor the wave's pooled figures, which hold the partner's answers (in a wave of the pair alone, only them)
        assertThat(dashboard).contains(messages.get("dashboard.reference.hidden", Messages.RUSSIAN))
                .doesNotContain("class=\"reference\"").doesNotContain(messages.get("report.reference.wave", Messages.RUSSIAN));
        byte[] alone = SummaryDeliveryTest.download(server.getURI(), psychologistOfOne, base + "/summary.pdf?lang=ru").body();
        keep("partner-hidden-ru.pdf", alone);
        String text = SchoolSummaryTest.text(alone).replaceAll("\\s+", " ");
        assertThat(text).contains(messages.get("report.title.partner.hidden", Messages.RUSSIAN)).contains("Главные выводы");
        // the administration API (a coordinator's token) keeps the whole summary
        Http.Download download = http.download("/api/v1/admin/waves/" + wave + "/schools/" + supported + "/summary.pdf",
                "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(download.status()).isEqualTo(200);
        String whole = SchoolSummaryTest.text(download.body()).replaceAll("\\s+", " ");
        assertThat(shows(whole, partnerFigures())).isTrue();
    }
}
