package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.report.SyntheticAnswers;
import org.uklad.support.BrowserTest;
import org.uklad.support.Browser;
import org.uklad.support.Http;
import org.uklad.questionnaire.QuestionnaireRegistry;

/**
 * Every staff page with a table, on a 360 × 740 phone in real headless Chromium, with data in every
 * table and school names as long as real ones: the page is never wider than the screen; each table
 * sits in a box that scrolls sideways on its own (keyboard-focusable, named for screen readers);
 * numbers are right-aligned; and a wide table scrolls in its box, by keyboard too, while the page
 * stays put.
 */
@MicronautTest(transactional = false)
class StaffTablesOnAPhoneBrowserTest extends BrowserTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String JSON = "application/json";
    private static final int WIDTH = 360;

    @Inject Accounts accounts;
    @Inject QuestionnaireRegistry registry;



    @Test
    void everyStaffTableFitsAPhoneAndScrollsInItsOwnBox() {
        int n = COUNTER.incrementAndGet();
        String municipality = "Городской округ Краснознаменский-Новопокровский " + n;
        long supported = school("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
                + "школа № " + n + "7 имени Героя Советского Союза Александра Васильевича Преображенского»", municipality, "SHNRO");
        long mentor = school("Муниципальное автономное общеобразовательное учреждение «Лицей № " + n
                + "3 с углублённым изучением отдельных предметов»", municipality, "SHUVRO");
        // clusters need four schools with enough answers
        long third = school("Государственное бюджетное общеобразовательное учреждение «Гимназия № " + n + "5»",
                municipality, "SHUVRO");
        long fourth = school("Муниципальное бюджетное общеобразовательное учреждение «Центр образования № " + n + "9»",
                municipality, "SHNRO");
        long small = school("Муниципальное казённое общеобразовательное учреждение «Основная общеобразовательная школа "
                + "села Верхнеднепровское-" + n + "»", municipality, "SHNRO");
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported))).status()).isEqualTo(201);
        String[] keys = {"students-5-11", "parents", "teachers"};
        long wave = fixture.openWave(keys);
        Random random = new Random(360);
        answer(wave, supported, keys, 6, 0.45, random);
        answer(wave, mentor, keys, 6, 0.7, random);
        answer(wave, third, keys, 6, 0.6, random);
        answer(wave, fourth, keys, 6, 0.35, random);
        answer(wave, small, keys, 2, 0.5, random);   // too few: suppressed cells

        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        long session = focusSession(admin, supported, wave);
        Http.Response result = admin.send("PUT", "/api/v1/staff/waves/" + wave + "/external-results/" + supported, JSON,
                "{\"value\": 3.85, \"label\": \"ОГЭ, математика, средний балл\"}", "Accept", JSON, "X-CSRF-Token", admin.csrf);
        assertThat(result.status()).as(result.body()).isEqualTo(200);

        browser = Browser.phone(WIDTH, 740);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, server.getURL(), StaffAgent.account(accounts, Role.ADMIN, List.of()), StaffAgent.PASSWORD);

        String school = "/staff/waves/" + wave + "/schools/" + supported;
        String focus = "?school=" + supported + "&wave=" + wave;
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("/staff", List.of("main table"));
        pages.put("/staff/waves", List.of("#waves"));
        pages.put("/staff/waves/" + wave, List.of("main table caption"));
        pages.put("/staff/waves/" + wave + "/monitoring", List.of("#monitoring-table tr.group-row"));
        pages.put(school + "/dashboard", List.of("table.dashboard-table", "table.agreement-table", "table.gap-table",
                "table.comparison-table"));
        pages.put(school + "/free-text", List.of("main"));
        pages.put("/staff/overview", List.of("main"));
        pages.put("/staff/waves/" + wave + "/overview", List.of("table.heat-table", "table.cluster-members",
                "table.cluster-profile", "table.context-table", "table.pair-table", "table.results-table"));
        pages.put("/staff/waves/" + wave + "/data", List.of("#exchange-schools"));
        pages.put("/staff/focus-groups" + focus, List.of("#sessions"));
        pages.put("/staff/focus-groups/" + session, List.of("#excerpt-table", "#poll-table"));
        pages.put("/staff/focus-groups/summary" + focus, List.of("#by-code", "#polls", "#triangulation"));
        pages.put("/staff/focus-groups/new" + focus, List.of("main form"));
        pages.put("/staff/accounts", List.of("main table"));
        pages.put("/staff/audit", List.of("#audit tbody tr"));
        pages.put("/staff/questionnaires", List.of("#versions"));
        pages.put("/staff/schools", List.of("#schools"));
        pages.put("/staff/schools/" + supported, List.of("main form"));
        pages.put("/staff/municipalities", List.of("#municipalities"));
        pages.put("/staff/categories", List.of("#categories"));
        pages.put("/staff/partnerships", List.of("#partnerships"));
        pages.put("/staff/password", List.of("main form"));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, List<String>> page : pages.entrySet()) {
            browser.get(server.getURL() + page.getKey());
            fitsThePhone(softly, page.getKey(), page.getValue());
        }

        // a refused paper import lists its problems in a table
        browser.get(server.getURL() + school + "/import");
        browser.findElement(By.cssSelector("#paste summary")).click(); // the pasted text, under the file form
        new Select(browser.findElement(By.id("paste-questionnaire"))).selectByIndex(0);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('csv').value = arguments[0];",
                "group_label,grade,нет_такого_столбца_в_анкете_совсем\n7А,сто,1\n");
        browser.findElement(By.id("import-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-problems")));
        fitsThePhone(softly, "import refused", List.of("#import-problems"));
        softly.assertAll();

        // the heat map is wider than the phone: its box scrolls, by keyboard too, and the page does not move
        browser.get(server.getURL() + "/staff/waves/" + wave + "/overview");
        WebElement box = boxesAround(browser.findElement(By.cssSelector("table.heat-table"))).getFirst();
        assertThat(number("return arguments[0].scrollWidth - arguments[0].clientWidth;", box))
                .as("the heat map is wider than its box").isGreaterThan(100);
        number("arguments[0].scrollIntoView(); return 0;", box);
        box.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        wait.until(d -> number("return arguments[0].scrollLeft;", box) > 0);
        assertThat(number("return window.scrollX;")).isZero();
        assertThat(number("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(WIDTH);
    }

    /** Checks one loaded page; {@code shown} are selectors that prove the page has its data. */
    void fitsThePhone(SoftAssertions softly, String page, List<String> shown) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState;")));
        for (String selector : shown) {
            softly.assertThat(browser.findElements(By.cssSelector(selector))).as(page + " shows " + selector).isNotEmpty();
        }
        // a table folded under <details> (the dashboard's statistics) must fit the phone once opened
        ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('main details').forEach(d => d.open = true);");
        // a phone zooms out to show a page wider than its screen: innerWidth then grows past 360
        String overflowing = overflowing();
        softly.assertThat(number("return window.innerWidth;")).as(page + " is not zoomed out; sticking out: " + overflowing)
                .isEqualTo(WIDTH);
        softly.assertThat(number("return document.documentElement.scrollWidth;"))
                .as(page + " is no wider than the phone; sticking out: " + overflowing)
                .isLessThanOrEqualTo(Math.min(WIDTH, number("return window.innerWidth;")));
        // the header (brand and an administrator's nine links) leaves most of the screen to the page
        softly.assertThat(number("return document.querySelector('header.top').getBoundingClientRect().height;"))
                .as(page + ": the header's height on a 740 px screen").isLessThanOrEqualTo(200);
        for (WebElement table : browser.findElements(By.cssSelector("main table"))) {
            List<WebElement> boxes = boxesAround(table);
            softly.assertThat(boxes).as(page + ": a scrolling box around table " + table.getDomAttribute("class")).hasSize(1);
            for (WebElement box : boxes) {
                softly.assertThat(box.getDomAttribute("tabindex")).as(page + ": a keyboard can reach the table's box")
                        .isEqualTo("0");
                softly.assertThat(box.getDomAttribute("role")).as(page + ": the box is a region").isEqualTo("region");
                softly.assertThat(box.getAccessibleName()).as(page + ": the box has a name").isNotBlank();
                softly.assertThat(box.getCssValue("overflow-x")).as(page + ": the box scrolls").isEqualTo("auto");
                softly.assertThat(number("""
                        const caption = arguments[0].querySelector('caption');
                        return caption ? caption.getBoundingClientRect().right - arguments[1].getBoundingClientRect().right : 0;""",
                        table, box)).as(page + ": the caption is read without scrolling").isLessThanOrEqualTo(1);
            }
        }
        softly.assertThat(String.valueOf(((JavascriptExecutor) browser).executeScript("""
                const number = /^[−-]?\\d[\\d\\s]*([.,]\\d+)?\\s?%?$/;
                return [...document.querySelectorAll('main td')]
                  .filter(td => number.test(td.textContent.trim()))
                  .filter(td => !['right', 'end'].includes(getComputedStyle(td).textAlign))
                  .map(td => td.closest('table').className + ': ' + td.textContent.trim()).slice(0, 5).join('; ');""")))
                .as(page + ": numbers are right-aligned").isEmpty();
    }

    /** The scrolling boxes around a table: its nearest {@code .table-scroll} ancestor, if any. */
    static List<WebElement> boxesAround(WebElement table) {
        return table.findElements(By.xpath(
                "ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' table-scroll ')][1]"));
    }

    /** Elements reaching past the screen's right edge, outside any box that scrolls them. */
    String overflowing() {
        return String.valueOf(((JavascriptExecutor) browser).executeScript("""
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  if (el.closest('.table-scroll') && !el.classList.contains('table-scroll')) continue;
                  const r = el.getBoundingClientRect();
                  if (r.right > document.documentElement.clientWidth + 1) {
                    out.push(el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className + ' right=' + Math.round(r.right));
                  }
                }
                return out.slice(0, 10).join('; ');"""));
    }

    long number(String script, Object... args) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script, args)).longValue();
    }

    long school(String name, String municipality, String category) {
        Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                "name", name, "municipality", municipality, "category", category)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return http.json(r).get("id").getLongValue();
    }

    /** {@code count} answers to each questionnaire around {@code level}, through the respondents' API. */
    void answer(long wave, long school, String[] keys, int count, double level, Random random) {
        for (String key : keys) {
            Questionnaire q = registry.latest(key).orElseThrow().questionnaire();
            String code = fixture.codes(wave, school, key, key.equals("teachers") ? "Педагогический коллектив" : "7А", 1, 100)
                    .getFirst();
            for (int i = 0; i < count; i++) {
                SyntheticAnswers.submit(http, code, SyntheticAnswers.answers(q, random, level + random.nextGaussian() * 0.1));
            }
        }
    }

    /** A parents' focus group with a coded excerpt and a quick poll, through the staff API. */
    long focusSession(StaffAgent admin, long school, long wave) {
        Http.Response created = post(admin, "/api/v1/staff/focus-groups/sessions", """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02",
                 "moderator": "Мария Александровна Преображенская-Верхнеднепровская", "guide": "focus-parents",
                 "participants": [{"role": "PARENT", "grade": 5, "count": 4}, {"role": "PARENT", "grade": 6, "count": 3}]}""".formatted(school, wave));
        long id = http.json(created).get("id").getLongValue();
        post(admin, "/api/v1/staff/focus-groups/sessions/" + id + "/excerpts", """
                {"questionId": "p_dem1", "text": "Школа требует от детей слишком мало, домашние задания почти не проверяют",
                 "code": "teacher_demandingness", "sentiment": "NEGATIVE", "tags": ["ожидания"], "representative": true}""");
        post(admin, "/api/v1/staff/focus-groups/sessions/" + id + "/polls",
                "{\"theme\": \"comfort\", \"question\": \"Ребёнку комфортно в школе?\", \"counts\": [0, 1, 1, 3, 2]}");
        return id;
    }

    Http.Response post(StaffAgent agent, String path, String body) {
        Http.Response r = agent.send("POST", path, JSON, body, "Accept", JSON, "X-CSRF-Token", agent.csrf);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }
}
