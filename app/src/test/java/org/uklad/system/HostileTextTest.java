package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.Sessions;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;

/**
 * Markup and spreadsheet formulas typed by staff (a school's name, a group label) and by
 * respondents (a comment) come out as the same text everywhere: escaped on every staff page,
 * neutralised in CSV, and as literal text in the PDFs.
 */
@MicronautTest(transactional = false)
class HostileTextTest extends AppTest {

    static final String SCHOOL = "<script>alert('школа')</script> =1+2";
    static final String GROUP = "<b>7Б</b>";
    static final String COMMENT = "=HYPERLINK(\"http://x\") <img src=x onerror=alert(1)>";

    @Inject Accounts accounts;

    @Test
    void hostileTextIsTextOnEveryPageInCsvAndInPdf() throws Exception {
        Http.Response created = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                "name", SCHOOL, "municipality", "<i>Район</i>", "category", "SHNRO")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long school = http.json(created).get("id").getLongValue();
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", GROUP, 1, 30).getFirst();
        for (int i = 0; i < 6; i++) {
            String answers = http.toJson(Map.of("answers", Map.of("grade", 7, "dem1", 1 + i % 4, "dem2", 2, "com1", 3,
                    "com2", 2, "comment", COMMENT)));
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", answers,
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
        String login = "hostile-admin";
        accounts.create(login, "<u>Координатор</u>", Role.ADMIN, List.of(), "hostile text password", false);
        StaffAgent admin = new StaffAgent(http).signedIn(login, "hostile text password");

        for (String page : List.of("/staff", "/staff/waves", "/staff/waves/" + wave, "/staff/waves/" + wave + "/monitoring",
                "/staff/waves/" + wave + "/schools/" + school + "/dashboard", "/staff/accounts", "/staff/audit",
                "/staff/focus-groups")) {
            Http.Response r = admin.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain("<script>alert", "<b>7Б</b>", "<i>Район</i>", "<u>Координатор</u>",
                    "<img src=x");
        }
        assertThat(admin.get("/staff/waves/" + wave).body()).contains("&lt;script&gt;alert(&#39;школа&#39;)&lt;/script&gt;",
                "&lt;b&gt;7Б&lt;/b&gt;");
        assertThat(admin.get("/staff").body()).contains("&lt;u&gt;Координатор&lt;/u&gt;");

        // CSV: a cell that a spreadsheet would run as a formula starts with an apostrophe
        String csv = http.admin("GET", "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example", null).body();
        assertThat(csv).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK").contains(GROUP);

        // PDFs: the name as plain text, not interpreted
        assertThat(Pdfs.text(bytes(admin, "/staff/waves/" + wave + "/schools/" + school + "/invitations.pdf")))
                .contains("<script>alert('школа')</script>", GROUP);
        assertThat(Pdfs.text(bytesAsAdminApi("/api/v1/admin/waves/" + wave + "/schools/" + school + "/summary.pdf")))
                .contains("<script>alert('школа')</script>");
    }

    byte[] bytes(StaffAgent agent, String path) throws Exception {
        return download(path, "Cookie", Sessions.COOKIE + "=" + agent.session());
    }

    byte[] bytesAsAdminApi(String path) throws Exception {
        return download(path, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
    }

    private byte[] download(String path, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve(path)).GET().header(header, value).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }
}
