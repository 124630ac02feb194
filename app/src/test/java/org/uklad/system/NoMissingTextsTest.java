package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.report.SyntheticAnswers;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Every page a person reads, in Russian and in English, shows words and never a message key:
 * every HTML page of the staff workspace as a coordinator, a psychologist and a director (with a
 * pair of schools, a wave of every bundled questionnaire answered by at least k people at both
 * schools, a focus group and a batch of summaries), the forms refused with their errors (the paper
 * import's error table with a bad file among them), and every respondent page (home, the form of
 * every bundled questionnaire, a refused form, the thanks, the error pages). A page fails on
 * Thymeleaf's {@code ??key_xx??} and on a raw key ({@code Messages} answers a missing key with the
 * key itself). The router's list of HTML pages must be covered, so a new page cannot slip past.
 */
@MicronautTest(transactional = false)
class NoMissingTextsTest extends AppTest {

    static final List<String> QUESTIONNAIRES = List.of("example", "students-5-11", "students-2-4", "parents", "teachers");
    static final Pattern UNRESOLVED = Pattern.compile("\\?\\?[^?\\s]{1,200}\\?\\?");
    /** A time as the machine writes it (ISO, with seconds), never as a page should show it. */
    static final Pattern RAW_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d(?:T\\d\\d:\\d\\d|[ T]\\d\\d:\\d\\d:\\d\\d)");
    /** A Russian page writes a day as 01.06.2040 (ReportFormat), never 2040-06-01. */
    static final Pattern ISO_DAY = Pattern.compile("(?<![\\w-])\\d{4}-\\d\\d-\\d\\d(?![\\w-])");
    static final Pattern SHOWN_ATTRIBUTE = Pattern.compile("(?i)\\s(?:title|aria-label|placeholder|alt|data-[a-z-]+)=\"([^\"]*)\"");

    @Inject Accounts accounts;
    @Inject Router router;
    @Inject QuestionnaireRegistry registry;

    /** Route template → whether this test rendered it. */
    private final Set<String> rendered = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private Pattern rawKey;

    @Test
    void everyPageInBothLanguagesShowsWordsNotKeys() throws IOException {
        rawKey = rawKeyPattern();
        long supported = fixture.school("SHNRO");
        long mentor = fixture.school("SHNRO");
        check(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported))), 201);
        long wave = fixture.openWave(QUESTIONNAIRES.toArray(String[]::new));
        Map<String, String> codes = new LinkedHashMap<>();
        Random random = new Random(17);
        for (long school : List.of(supported, mentor)) {
            for (String key : QUESTIONNAIRES) {
                String code = fixture.codes(wave, school, key, "7А", 1, 100).getFirst();
                codes.putIfAbsent(key, code);
                for (int i = 0; i < 5; i++) {   // k answers: published, so every view has figures
                    SyntheticAnswers.submit(http, code, SyntheticAnswers.answers(
                            registry.latest(key).orElseThrow().questionnaire(), random, school == mentor ? 0.7 : 0.4));
                }
            }
        }
        String adminLogin = StaffAgent.account(accounts, Role.ADMIN, List.of());
        String psyLogin = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(supported));
        String dirLogin = StaffAgent.account(accounts, Role.DIRECTOR, List.of(supported));
        StaffAgent admin = new StaffAgent(http).signedIn(adminLogin, StaffAgent.PASSWORD);
        StaffAgent psy = new StaffAgent(http).signedIn(psyLogin, StaffAgent.PASSWORD);
        StaffAgent dir = new StaffAgent(http).signedIn(dirLogin, StaffAgent.PASSWORD);
        long psyId = db.count("SELECT id FROM staff_account WHERE login = ?", psyLogin);

        // a focus group and a batch of summaries, so their pages have something to show
        Http.Response session = psy.send("POST", "/api/v1/staff/focus-groups/sessions", "application/json", """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02", "moderator": "Мария Иванова",
                 "guide": "focus-parents", "participants": [{"role": "PARENT", "grade": 5, "count": 6}]}"""
                .formatted(supported, wave), "Accept", "application/json", "X-CSRF-Token", psy.csrf);
        check(session, 201);
        long sessionId = http.json(session).get("id").getLongValue();
        psy.get("/staff/waves/" + wave);
        Http.Response batch = psy.postWithCsrf("/staff/waves/" + wave + "/summaries", "lang", "ru");
        check(batch, 303);
        String batchPage = batch.header("Location").replaceAll("[?#].*", "");

        // the mentor school marked mentor-capable, with an offer, and a profile, so the profile pages have figures
        check(admin.send("PUT", "/api/v1/staff/schools/" + mentor + "/mentor-capable", "application/json",
                "{\"marked\": true}", "Accept", "application/json", "X-CSRF-Token", admin.csrf), 200);
        check(admin.send("PUT", "/api/v1/staff/schools/" + supported + "/profiles/2026", "application/json", """
                {"students": 300, "senStudents": 3, "otherLanguageStudents": 0, "teachers": 20, "teacherVacancies": 1,
                 "psychologists": 1, "speechTherapists": 0, "specialNeedsTeachers": 0, "socialPedagogues": 0, "tutors": 0,
                 "staffTrained": 4, "equipment": ["LIBRARY"], "comment": ""}""", "Accept", "application/json",
                "X-CSRF-Token", admin.csrf), 200);
        psy.get("/staff/account");   // a token, so the account page lists one
        check(psy.postWithCsrf("/staff/account/tokens", "name", "R", "validity", "30"), 200);
        // --- programme --- a support programme of the pair with a measure, a note and an overdue measure
        Http.Response programme = admin.send("POST", "/api/v1/staff/programmes", "application/json", """
                {"supportedSchoolId": %d, "mentorSchoolId": %d, "title": "Программа", "goals": "Цели",
                 "risks": ["low_learning_motivation"], "baselineWaveId": %d}""".formatted(supported, mentor, wave),
                "Accept", "application/json", "X-CSRF-Token", admin.csrf);
        check(programme, 201);
        String pr = "/staff/programmes/" + http.json(programme).get("id").getLongValue();
        Http.Response measure = psy.send("POST", "/api/v1" + pr + "/measures", "application/json", """
                {"title": "Семинары", "owner": "SUPPORTED_SCHOOL", "indicatorKind": "CONSTRUCT", "questionnaireKey": "example",
                 "constructId": "comfort", "targetValue": 70, "startsOn": "2026-01-10", "dueOn": "2026-02-10"}""",
                "Accept", "application/json", "X-CSRF-Token", psy.csrf);
        check(measure, 201);
        String measurePath = pr + "/measures/" + http.json(measure).get("id").getLongValue();
        check(dir.send("POST", "/api/v1" + measurePath + "/notes", "application/json",
                "{\"notedOn\": \"2026-02-01\", \"body\": \"Отметка\"}", "Accept", "application/json", "X-CSRF-Token", dir.csrf), 201);

        // the plan: the standard set with an entered fact, so its page shows computed and entered figures
        check(admin.postWithCsrf("/staff/plan/standard"), 303);
        long planIndicator = db.count("SELECT id FROM programme_indicator WHERE standard_row = 6");
        check(admin.postWithCsrf("/staff/plan/facts", "indicatorId", String.valueOf(planIndicator), "value", "2",
                "notedOn", "2026-10-01", "note", "семинар"), 303);
        String w = "/staff/waves/" + wave;
        String s = w + "/schools/" + supported;
        String fg = "/staff/focus-groups";
        // --- upload --- streamed imports: one done, one refused with more problems than are listed, one still checking
        String importApi = "/api/v1" + s + "/responses?questionnaire=example";
        Http.Response done = psy.send("POST", importApi, "text/csv", "group_label,grade\n7А,5\n", "Prefer", "respond-async",
                "Accept", "application/json", "X-CSRF-Token", psy.csrf);
        check(done, 202);
        Http.Response bad = psy.send("POST", importApi, "text/csv", "group_label,grade\n" + "7А,99\n".repeat(120),
                "Prefer", "respond-async", "Accept", "application/json", "X-CSRF-Token", psy.csrf);
        check(bad, 202);
        org.uklad.exchange.StreamedImportTest.awaitJob(http, psy, done.header("Location"));
        org.uklad.exchange.StreamedImportTest.awaitJob(http, psy, bad.header("Location"));
        String doneJob = done.header("Location").substring("/api/v1".length());
        String refusedJob = bad.header("Location").substring("/api/v1".length());
        String runningJob = s + "/imports/" + db.string("INSERT INTO import_job (id, wave_id, school_id, questionnaire_version_id, "
                + "state, bytes_total, bytes_read, rows_read) SELECT gen_random_uuid(), ?, ?, questionnaire_version_id, 'CHECKING', "
                + "1000, 400, 40 FROM wave_questionnaire WHERE wave_id = ? LIMIT 1 RETURNING id::text", wave, supported, wave);
        for (String lang : List.of("ru", "en")) {
            for (StaffAgent who : List.of(admin, psy, dir)) {
                page(who, lang, "/staff", "/staff");
                page(who, lang, "/staff/password", "/staff/password");
                page(who, lang, "/staff/account", "/staff/account");
                page(who, lang, "/staff/waves", "/staff/waves");
                page(who, lang, "/staff/waves/{id}", w);
                page(who, lang, "/staff/waves/{id}/monitoring", w + "/monitoring");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/dashboard", s + "/dashboard");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/statements", s + "/statements");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/dashboard", w + "/schools/" + mentor + "/dashboard");
                page(who, lang, "/staff/focus-groups", fg);
                page(who, lang, "/staff/focus-groups/summary", fg + "/summary?school=" + supported + "&wave=" + wave);
                page(who, lang, "/staff/profiles", "/staff/profiles?year=2026");
                page(who, lang, "/staff/schools/{id}/profile", "/staff/schools/" + supported + "/profile?year=2026");
                page(who, lang, "/staff/schools/{id}/profile", "/staff/schools/" + supported + "/profile?year=2025");
                page(who, lang, "/staff/programmes", "/staff/programmes");
                page(who, lang, "/staff/programmes/roadmap", "/staff/programmes/roadmap");
                page(who, lang, "/staff/programmes/{id}", pr);
            }
            for (StaffAgent who : List.of(admin, dir)) {
                page(who, lang, "/staff/schools/{id}/mentor-resources", "/staff/schools/" + mentor + "/mentor-resources");
            }
            page(admin, lang, "/staff/mentor-resources", "/staff/mentor-resources");
            refused(admin, lang, "/staff/schools/" + supported + "/profile", "/staff/schools/" + supported + "/profile",
                    "year", "2026", "students", "10", "senStudents", "11", "otherLanguageStudents", "x");
            refused(admin, lang, "/staff/schools/" + mentor + "/mentor-resources", "/staff/schools/" + mentor
                    + "/mentor-resources", "subjects", "я".repeat(101), "mentors", "-1", "capacityPairs", "");
            refused(admin, lang, "/staff/mentor-resources/mark", "/staff/mentor-resources", "schoolId", "");
            for (StaffAgent who : List.of(admin, psy)) {
                page(who, lang, "/staff/schools", "/staff/schools");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/free-text", s + "/free-text");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/classes", s + "/classes");
                page(who, lang, "/staff/waves/{waveId}/data", w + "/data");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/import", s + "/import?questionnaire=example");
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/imports/{id}", doneJob);
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/imports/{id}", refusedJob);
                page(who, lang, "/staff/waves/{waveId}/schools/{schoolId}/imports/{id}", runningJob);
                page(who, lang, "/staff/focus-groups/new", fg + "/new?school=" + supported + "&wave=" + wave);
                page(who, lang, "/staff/focus-groups/{id}", fg + "/" + sessionId);
                page(who, lang, "/staff/summary-batches/{id}", batchPage);
            }
            page(admin, lang, "/staff/accounts", "/staff/accounts");
            page(admin, lang, "/staff/accounts/{id}", "/staff/accounts/" + psyId);
            page(admin, lang, "/staff/questionnaires", "/staff/questionnaires");
            page(admin, lang, "/staff/audit", "/staff/audit");
            page(admin, lang, "/staff/schools/{id}", "/staff/schools/" + supported);
            page(admin, lang, "/staff/municipalities", "/staff/municipalities");
            page(admin, lang, "/staff/categories", "/staff/categories");
            page(admin, lang, "/staff/partnerships", "/staff/partnerships");
            page(admin, lang, "/staff/overview", "/staff/overview");
            page(admin, lang, "/staff/overview/current", "/staff/overview/current");
            page(admin, lang, "/staff/waves/{waveId}/overview", w + "/overview");
            page(admin, lang, "/staff/results", "/staff/results");
            page(admin, lang, "/staff/waves/{waveId}/risks", w + "/risks");
            page(admin, lang, "/staff/waves/{waveId}/risks", w + "/risks?municipality=none&category=SHUVRO");
            page(admin, lang, "/staff/programmes/new", "/staff/programmes/new?school=" + supported + "&risk=low_learning_motivation");
            page(admin, lang, "/staff/programmes/what-worked", "/staff/programmes/what-worked");
            page(admin, lang, "/staff/identification", "/staff/identification");
            page(admin, lang, "/staff/plan", "/staff/plan");
            page(admin, lang, "/staff/plan/indicators/{id}", "/staff/plan/indicators/" + planIndicator);

            // forms refused: their field errors and summaries are texts too
            refused(admin, lang, "/staff/waves", w, "name", "", "kind", "NONE", "opensAt", "soon", "closesAt", "");
            refused(admin, lang, w + "/close", w);
            refused(admin, lang, w + "/extend", w, "closesAt", "2000-01-01T10:00");
            refused(psy, lang, w + "/codes", w, "schoolId", String.valueOf(supported), "questionnaire", "example",
                    "groupLabel", "", "mode", "single", "count", "x", "expectedSize", "1");
            assertThat(refused(psy, lang, s + "/import", s + "/import?questionnaire=example", "questionnaire", "example",
                    "csv", "group_label,dem1,nonsense\n7А,9,1\n7А,,2\n").body()).as("the error table")
                    .contains("<th>" + (lang.equals("ru") ? "Где" : "Where") + "</th>");
            refused(psy, lang, s + "/import", s + "/import?questionnaire=example", "questionnaire", "example",
                    "csv", "dem1\n1\n");
            refused(admin, lang, "/staff/accounts", "/staff/accounts", "login", "?", "displayName", "", "role", "DIRECTOR");
            refused(admin, lang, "/staff/results/rows", "/staff/results", "schoolId", "", "year", "20", "assessment", "",
                    "subject", "", "meanScore", "x", "participants", "-1", "belowPassShare", "150");
            assertThat(refused(admin, lang, "/staff/results/import", "/staff/results", "csv",
                    "year,assessment,subject,mean_score,participants,nonsense\n2025,ОГЭ,,x,1,2\n").body()).as("the error table")
                    .contains(lang.equals("ru") ? "Где" : "Where");
            refused(admin, lang, "/staff/results/import", "/staff/results", "csv",
                    "school_id,year,assessment,subject,mean_score,participants\n0,1999,ОГЭ,,x,1\n");
            refused(admin, lang, "/staff/results/outcomes", "/staff/results", "waveId", w.substring(w.lastIndexOf('/') + 1),
                    "year", "", "assessment", "", "subject", "");
            refused(admin, lang, "/staff/password", "/staff/password", "current", "wrong", "password", "a", "repeat", "b");
            refused(psy, lang, "/staff/account/tokens", "/staff/account", "name", "", "validity", "x");
            refused(admin, lang, "/staff/questionnaires", "/staff/questionnaires", "name", "bad.yaml", "text", "key: [");
            refused(admin, lang, "/staff/schools", "/staff/schools", "name", "", "municipality", "", "category", "X");
            refused(admin, lang, "/staff/partnerships", "/staff/partnerships", "mentorSchoolId", String.valueOf(supported),
                    "supportedSchoolId", String.valueOf(supported));
            refused(admin, lang, "/staff/municipalities/rename", "/staff/municipalities", "from", "", "to", "");
            refused(admin, lang, "/staff/identification/" + supported + "/decision", "/staff/identification",
                    "category", "X", "reason", "");
            refused(admin, lang, "/staff/plan/indicators", "/staff/plan", "name", "", "unit", "X", "planValue", "много",
                    "dueOn", "скоро");
            refused(admin, lang, "/staff/plan/facts", "/staff/plan", "indicatorId", String.valueOf(planIndicator),
                    "value", "", "notedOn", "");
            refused(admin, lang, "/staff/plan/indicators/" + planIndicator, "/staff/plan/indicators/" + planIndicator,
                    "name", "", "unit", "COUNT", "level", "REGION", "source", "ENTERED", "planValue", "-1", "dueOn", "");
            refused(admin, lang, w + "/overview/results", w + "/overview", "schoolId", String.valueOf(supported),
                    "value", "много", "label", "");
            refused(psy, lang, fg, fg + "/new?school=" + supported + "&wave=" + wave, "school", String.valueOf(supported),
                    "wave", String.valueOf(wave), "heldOn", "вчера");

            refused(admin, lang, "/staff/programmes", "/staff/programmes/new", "pair", mentor + ":" + supported, "title", "");
            refused(psy, lang, pr + "/measures", pr, "title", "", "indicator", "external", "startsOn", "2026-03-01",
                    "dueOn", "2026-02-01", "targetValue", "много");
            refused(psy, lang, pr + "/measures", pr, "title", "М", "indicator", "external", "startsOn", "2026-03-01",
                    "dueOn", "2026-02-01", "owner", "MUNICIPALITY");
            refused(psy, lang, measurePath, pr, "title", "", "indicator", "example/comfort", "startsOn", "x");
            refused(dir, lang, measurePath + "/notes", pr, "notedOn", "", "body", "");
            refused(psy, lang, pr, pr, "title", "", "risks", "НЕ ID");

            // respondent pages
            StaffAgent visitor = new StaffAgent(http);
            page(visitor, lang, "/", "/");
            page(visitor, lang, "/enter", "/enter?code=ABCD-EFGH-JKMN");
            page(visitor, lang, "/enter", "/enter?code=?");
            page(visitor, lang, "/staff/login", "/staff/login");
            page(visitor, lang, "/questionnaires", "/questionnaires");
            for (String key : codes.keySet()) {
                page(visitor, lang, "/questionnaires/{key:[a-z0-9_-]+}", "/questionnaires/" + key);
            }
            for (String code : codes.values()) {
                page(visitor, lang, "/s/{code}", "/s/" + code);
                page(visitor, lang, "/s/{code}", "/s/" + code + "?kiosk=1");
                Http.Response form = visitor.get("/s/" + code + "?lang=" + lang);
                Matcher key = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(form.body());
                assertThat(key.find()).as(code).isTrue();
                // an answer off every scale: the form again with its errors
                Http.Response wrong = visitor.post("/s/" + code + "?lang=" + lang, StaffAgent.form("idempotencyKey",
                        key.group(1), "a.grade", "99", "a.dem1", "99", "a.q1", "99"));
                scan(lang, "POST /s/" + code, wrong);
                // a paged form's next section, as a browser without JavaScript asks for it
                scan(lang, "POST /s/" + code + " step", visitor.post("/s/" + code + "?lang=" + lang,
                        StaffAgent.form("idempotencyKey", key.group(1), "step", "1")));
                page(visitor, lang, "/s/{code}/done", "/s/" + code + "/done");
            }
            page(visitor, lang, "/s/{code}", "/s/ZZZZ-ZZZZ-ZZZZ");             // the error page of an unknown code
            page(visitor, lang, "/staff", "/staff/waves/999999999");          // anonymous: off to the sign-in page
            for (ErrorCode e : ErrorCode.values()) {
                page(visitor, lang, "/errors/{slug}", "/errors/" + e.slug());
            }
            page(dir, lang, "/staff/waves/{id}", "/staff/waves/999999999");   // an error page inside the workspace
        }

        assertThat(problems).as("pages showing a message key instead of words, or a date in another format").isEmpty();
        Set<String> missed = new TreeSet<>(htmlPages());
        missed.removeAll(rendered);
        assertThat(missed).as("HTML pages this test does not render yet: add them here").isEmpty();
    }

    /** The scan itself: it must see what a missing text looks like, and let ordinary text, paths and files be. */
    @Test
    void theScanSeesUnresolvedAndRawKeys() throws IOException {
        rawKey = rawKeyPattern();
        scan("ru", "sample", new Http.Response(200, "text/html",
                "<td>??exchange.import.where_ru??</td><p title=\"home.status.nothing\">x</p><td>staff.home.unknown</td>"
                + "<td>2026-05-01</td>", null));
        assertThat(problems).hasSize(5);   // the unresolved one counts twice: as ?? and as the key inside
        problems.clear();
        scan("en", "sample", new Http.Response(200, "text/html", "<p>Summary of home. The file summary.pdf, "
                + "<a href=\"/staff/home.x\">link</a> e.g. 4.0 and uklad-summary-wave-1.pdf.</p>"
                + "<script>var a = staff.home.x;</script><td>2026-05-01 10:00</td>", null));
        assertThat(problems).isEmpty();
    }

    /** Renders {@code path} in {@code lang} as {@code who} and scans it. */
    private void page(StaffAgent who, String lang, String route, String path) {
        Http.Response r = who.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
        assertThat(r.status()).as(path).isLessThan(500);
        rendered.add(route);
        scan(lang, "GET " + path, r);
    }

    /** Posts a form expected to be refused (never a 5xx, never accepted) and scans the page it shows. */
    private Http.Response refused(StaffAgent who, String lang, String action, String formPage, String... pairs) {
        who.get(formPage + (formPage.contains("?") ? "&" : "?") + "lang=" + lang);
        Http.Response r = who.postWithCsrf(action + "?lang=" + lang, pairs);
        assertThat(r.status()).as(action + " " + r.body()).isBetween(400, 499);
        scan(lang, "POST " + action, r);
        return r;
    }

    private void scan(String lang, String what, Http.Response r) {
        String html = r.body() == null ? "" : r.body();
        Matcher unresolved = UNRESOLVED.matcher(html);
        while (unresolved.find()) {
            problems.add(lang + " " + what + ": " + unresolved.group());
        }
        String text = visibleText(html);
        Matcher raw = rawKey.matcher(text);
        while (raw.find()) {
            problems.add(lang + " " + what + ": raw key " + raw.group());
        }
        // one format for dates and times on every page, in the page's language
        Matcher time = (lang.equals("ru") ? ISO_DAY : RAW_TIME).matcher(text);
        while (time.find()) {
            problems.add(lang + " " + what + ": date not in the page's format " + time.group());
        }
    }

    /** What a reader sees: the text between tags and the attributes shown (titles, labels, script notes). */
    static String visibleText(String html) {
        String s = html.replaceAll("(?is)<script.*?</script>", " ").replaceAll("(?is)<style.*?</style>", " ");
        StringBuilder shown = new StringBuilder(s.replaceAll("(?s)<[^>]*>", " "));
        Matcher a = SHOWN_ATTRIBUTE.matcher(s);
        while (a.find()) {
            shown.append(' ').append(a.group(1));
        }
        return shown.toString();
    }

    /**
     * A message key as text: one of the bundle's first segments, a dot, more segments, standing
     * alone (not inside a word, path or file name).
     */
    static Pattern rawKeyPattern() throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = NoMissingTextsTest.class.getResourceAsStream("/i18n/messages_en.properties")) {
            bundle.load(in);
        }
        String prefixes = bundle.stringPropertyNames().stream().map(k -> k.split("\\.", 2)[0]).distinct()
                .map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("(?<![\\w./-])(?:" + prefixes + ")(?:\\.[A-Za-z0-9_-]+)+(?![\\w/-]|\\.\\w)");
    }

    /** Every HTML page the router knows: staff pages and respondent pages, not the APIs and downloads. */
    private Set<String> htmlPages() {
        Set<String> out = new TreeSet<>();
        router.uriRoutes().forEach((UriRouteInfo<?, ?> r) -> {
            String path = r.getUriMatchTemplate().toPathString();
            // downloads (PDF, CSV, ZIP) sit in HTML controllers but are files, not pages
            if (r.getHttpMethodName().equals("GET") && !path.startsWith("/api/") && !path.startsWith("/swagger")
                    && !path.matches(".*\\.[a-z]+") && r.getProduces().stream().anyMatch(m -> m.getName().equals(MediaType.TEXT_HTML))) {
                out.add(path);
            }
        });
        return out;
    }

    private static void check(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }
}
