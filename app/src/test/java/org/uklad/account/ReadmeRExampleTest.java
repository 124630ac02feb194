package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.AppTest;

/**
 * The README's R example ("Scripts and R") as it is printed, run by R against this server with a
 * coordinator's personal token: it must work, read the school's indices by class and beside its
 * partner, and a revoked
 * token must make it stop with the API's words.
 */
@MicronautTest(transactional = false)
class ReadmeRExampleTest extends AppTest {

    @Inject Accounts accounts;
    @TempDir Path dir;

    static String example() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("## Scripts and R\\n.*?```r\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("the README has the R example").isTrue();
        return m.group(1);
    }

    String run(String token, long wave, long school) throws Exception {
        Files.writeString(dir.resolve("example.R"), example());
        ProcessBuilder pb = new ProcessBuilder("Rscript", "example.R").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("UKLAD_URL", server.getURI().toString());
        pb.environment().put("UKLAD_TOKEN", token);
        pb.environment().put("UKLAD_WAVE", String.valueOf(wave));
        pb.environment().put("UKLAD_SCHOOL", String.valueOf(school));
        pb.environment().put("LANG", "C.UTF-8");
        Process r = pb.start();
        assertThat(r.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return r.exitValue() + "\n" + out;
    }

    @Test
    void theReadmeExampleReadsTheSchoolsIndicesWithAToken() throws Exception {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        fixture.exampleAnswers(wave, school, new Integer[][] {{4, 1, 4, 3}, {3, 2, 3, 3}, {4, 1, 4, 4}, {2, 3, 2, 2},
                {3, 1, 3, 4}});
        long partner = fixture.school("SHUVRO");
        fixture.exampleAnswers(wave, partner, new Integer[][] {{2, 3, 2, 2}, {1, 4, 2, 1}, {2, 2, 3, 2}, {3, 3, 2, 1},
                {2, 4, 1, 2}});
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(java.util.Map.of(
                "mentorSchoolId", partner, "supportedSchoolId", school))).status()).isEqualTo(201);
        String login = StaffAgent.account(accounts, Role.ADMIN, List.of());
        StaffAgent coordinator = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
        String token = ApiTokensTest.makeToken(coordinator, "R", "30");

        String out = run(token, wave, school);
        assertThat(out).as(out).startsWith("0\n").contains("Reading as " + login + " (ADMIN)", "teacher_demandingness",
                "7А", "76.66667", "referenceScore", "verdict");

        long id = db.count("SELECT id FROM staff_api_token WHERE public_id = ?", token.substring(3, 11));
        coordinator.postWithCsrf("/staff/account/tokens/" + id + "/revoke");
        String refused = run(token, wave, school);
        assertThat(refused).as(refused).doesNotStartWith("0\n").contains("401");
    }
}
