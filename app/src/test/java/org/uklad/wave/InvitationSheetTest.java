package org.uklad.wave;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.wave.WaveTestSupport.PASSWORD;
import static org.uklad.wave.WaveTestSupport.account;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.questionnaires.Respondent;
import org.uklad.system.Messages;
import org.uklad.support.AppTest;

/**
 * The invitation sheet PDF read back with poppler (pdftotext, pdftoppm) and the QR codes decoded
 * with ZXing from a 150 dpi rendering, as a printed sheet would be scanned.
 */
@MicronautTest(transactional = false)
class InvitationSheetTest extends AppTest {

    @Inject Accounts accounts;
    @Inject InvitationSheets sheets;

    @TempDir Path tmp;

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static Set<String> qrTexts(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Set<String> out = new TreeSet<>();
        try {
            for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, true))) {
                out.add(r.getText());
            }
        } catch (NotFoundException e) {
            // none found: the caller's assertion says so
        }
        return out;
    }

    @Test
    void oneCutOutBlockPerCodeWithTheLinkTheCodeAndAQrCodeOfTheLink() throws Exception {
        long school = fixture.school("SHNRO");
        String schoolName = db.string("SELECT name FROM school WHERE id = ?", school);
        long wave = fixture.openWave("example", "parents");
        List<String> codes = new ArrayList<>(fixture.codes(wave, school, "example", "7Б", 1, 30));
        codes.addAll(fixture.codes(wave, school, "parents", "7Б", 2, 1));
        long elsewhere = fixture.school("OTHER");
        String foreign = fixture.codes(wave, elsewhere, "example", "5А", 1, 30).getFirst();

        StaffAgent psy = new StaffAgent(http).signedIn(account(accounts, Role.PSYCHOLOGIST, List.of(school)), PASSWORD);
        HttpResponse<byte[]> r = WaveTestSupport.bytes(server.getURI(), psy,
                "/staff/waves/" + wave + "/schools/" + school + "/invitations.pdf?lang=ru");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(new String(r.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        Path pdf = tmp.resolve("invitations.pdf");
        Files.write(pdf, r.body());

        String text = run(tmp, "pdftotext", "-layout", "invitations.pdf", "-");
        String base = "http://" + server.getURI().getHost() + ":" + server.getPort();
        for (String code : codes) {
            assertThat(text).contains(code.substring(0, 5) + "-" + code.substring(5), base + "/s/" + code);
        }
        assertThat(text).doesNotContain(foreign.substring(0, 5) + "-" + foreign.substring(5));
        // every block names the public page with all the questions, for parents to read first
        assertThat(text).contains("Все вопросы анкеты: " + base + "/questionnaires/parents",
                "Все вопросы анкеты: " + base + "/questionnaires/example");
        assertThat(text).contains(schoolName, "Класс 7Б", "Анкета для родителей", "Родители учащихся 7Б класса",
                "анонимная", "до 30 ответов", "Личный код");
        String fonts = run(tmp, "pdffonts", "invitations.pdf");
        assertThat(fonts).contains("LiberationSans").contains("yes");

        run(tmp, "pdftoppm", "-r", "150", "-png", "invitations.pdf", "page");
        Path png;
        try (var files = Files.list(tmp)) {
            png = files.filter(p -> p.getFileName().toString().endsWith(".png")).findFirst().orElseThrow();
        }
        Set<String> expected = new TreeSet<>();
        codes.forEach(c -> expected.add(base + "/s/" + c));
        assertThat(qrTexts(png)).isEqualTo(expected);

        // English sheets
        HttpResponse<byte[]> en = WaveTestSupport.bytes(server.getURI(), psy,
                "/staff/waves/" + wave + "/schools/" + school + "/invitations.pdf?lang=en");
        Files.write(tmp.resolve("en.pdf"), en.body());
        assertThat(run(tmp, "pdftotext", "en.pdf", "-")).contains("Survey for parents", "anonymous", schoolName);
    }

    @Test
    void theParentsLineNamesTheClassWhateverStaffTyped() {
        for (String typed : List.of("7Б", "7б", "7 Б", "7-Б", "родители 7Б", "Родители 7Б", "Родители 7Б класса",
                "родители учащихся 7б класса", "  7Б  ")) {
            assertThat(sheets.group(Respondent.PARENT, typed.strip(), Messages.RUSSIAN)).as(typed)
                    .isEqualTo("Родители учащихся 7Б класса");
            assertThat(sheets.group(Respondent.PARENT, typed.strip(), Messages.ENGLISH)).as(typed)
                    .isEqualTo("Parents of pupils of class 7Б");
        }
        String[][] cases = {
                // respondent, language, typed, printed
                {"PARENT", "en", "Parents of 7B", "Parents of pupils of class 7B"},
                {"PARENT", "ru", "родители 11А", "Родители учащихся 11А класса"},
                {"PARENT", "ru", "родители 5-х классов", "Родители учащихся 5 класса"}, // an ordinal ending, not a letter
                {"PARENT", "ru", "родители 7А и 7Б", "Родители учащихся 7А, 7Б классов"},
                {"PARENT", "en", "родители 7А и 7Б", "Parents of pupils of classes 7А, 7Б"},
                {"PARENT", "ru", "родительский комитет 2025", "Родительский комитет 2025"}, // no class: as typed
                {"STUDENT", "ru", "7Б", "Класс 7Б"},
                {"TEACHER", "en", "teachers", "Group teachers"},
        };
        for (String[] c : cases) {
            assertThat(sheets.group(Respondent.valueOf(c[0]), c[2], Locale.forLanguageTag(c[1]))).as(c[2])
                    .isEqualTo(c[3]);
        }
    }

    @Test
    void parentsSheetsFollowingTheAppsOwnHintReadAsASentence() throws Exception {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("parents");
        fixture.codes(wave, school, "parents", "родители 7Б", 1, 30);
        fixture.codes(wave, school, "parents", "Родители 7Б класса", 1, 30);
        StaffAgent psy = new StaffAgent(http).signedIn(account(accounts, Role.PSYCHOLOGIST, List.of(school)), PASSWORD);
        String base = "/staff/waves/" + wave + "/schools/" + school + "/invitations.pdf?lang=";
        Files.write(tmp.resolve("ru.pdf"), WaveTestSupport.bytes(server.getURI(), psy, base + "ru").body());
        Files.write(tmp.resolve("en.pdf"), WaveTestSupport.bytes(server.getURI(), psy, base + "en").body());
        String ru = run(tmp, "pdftotext", "-raw", "ru.pdf", "-");
        String en = run(tmp, "pdftotext", "-raw", "en.pdf", "-");
        assertThat(ru.split("Родители учащихся 7Б класса", -1)).hasSize(3);
        assertThat(ru).doesNotContain("учащихся родители").doesNotContain("учащихся Родители");
        assertThat(en.split("Parents of pupils of class 7Б", -1)).hasSize(3);
        assertThat(en).doesNotContain("class родители").doesNotContain("class Родители");
    }

    @Test
    void anEmptySheetSaysThereAreNoCodesYet() throws Exception {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        StaffAgent psy = new StaffAgent(http).signedIn(account(accounts, Role.PSYCHOLOGIST, List.of(school)), PASSWORD);
        HttpResponse<byte[]> r = WaveTestSupport.bytes(server.getURI(), psy,
                "/staff/waves/" + wave + "/schools/" + school + "/invitations.pdf");
        assertThat(r.statusCode()).isEqualTo(200);
        Files.write(tmp.resolve("empty.pdf"), r.body());
        assertThat(run(tmp, "pdftotext", "empty.pdf", "-")).contains("не создано ни одного кода");
    }
}
