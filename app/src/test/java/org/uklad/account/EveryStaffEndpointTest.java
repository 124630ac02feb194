package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The one authorization matrix: every staff and administration endpoint the router knows × every
 * role (and anonymous) × own / partner / other school, against the exact set of allowed
 * combinations written below.
 *
 * <p>The endpoints are read from the router, so a new endpoint without a row here fails the test
 * ({@link #everyStaffEndpointHasARow}), and a row for a removed endpoint fails it too. A request is
 * <em>allowed</em> when the answer is neither 401/403 nor a redirect to the sign-in page: a 4xx for
 * a deliberately incomplete form still shows that the request got past the access checks. A refused
 * request must be exactly 403 for signed-in staff (401 or the sign-in redirect for anonymous
 * callers), and must change nothing in the database.
 */
@MicronautTest(transactional = false)
class EveryStaffEndpointTest extends AppTest {

    static final String PASSWORD = "every endpoint password";
    static final String JSON = "application/json";
    /** Callers in this order: administrators last, so their changes cannot hide a refusal. */
    static final List<String> CALLERS = List.of("ANONYMOUS", "DIRECTOR", "PSYCHOLOGIST", "ADMIN");
    static final List<String> SCHOOLS = List.of("own", "partner", "other");
    /** Paths that belong to staff or administration: everything else is public. */
    static final List<String> STAFF_PREFIXES = List.of("/staff", "/api/v1/staff", "/api/v1/admin");
    /**
     * Tables whose rows a refused request may add: sessions and the audit trail of the refusal, and
     * the schools' statistics a read of indices builds from the published answers (a cache, V24).
     */
    static final Set<String> BOOKKEEPING = Set.of("staff_session", "audit_event", "flyway_schema_history",
            "school_statistics", "school_statistics_ready");
    /** Rows a background worker updates while the probes run (a batch's progress): compared by count only. */
    static final Set<String> WORKED_ON_IN_THE_BACKGROUND = Set.of("summary_batch", "import_job");

    // who may do what
    static final Set<String> STAFF = Set.of("ADMIN", "PSYCHOLOGIST", "DIRECTOR");
    static final Set<String> ADMIN = Set.of("ADMIN");
    static final Set<String> WAVE_STAFF = Set.of("ADMIN", "PSYCHOLOGIST");
    /** Reading a school: an administrator any, a psychologist their own, a director their own and its partner. */
    static final Set<String> READ = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own",
            "DIRECTOR:own", "DIRECTOR:partner");
    /** Working on a school's data: an administrator any, a psychologist their own. */
    static final Set<String> EDIT = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own");

    @Inject Router router;
    @Inject Accounts accounts;
    @Inject ApiTokens apiTokens;

    static int round;
    final Map<String, Long> school = new LinkedHashMap<>();
    final Map<String, Long> session = new LinkedHashMap<>();
    final Map<String, StaffAgent> agents = new LinkedHashMap<>();
    long wave;

    /**
     * One request of a probe. {@code kind}: PAGE (HTML), DOWNLOAD (any type), FORM (with the CSRF token), CSV or
     * JSON (with X-CSRF-Token); any other kind is the content type of the body sent.
     */
    record Call(String method, String path, String kind, String body) {
        static Call page(String path) {
            return new Call("GET", path, "PAGE", null);
        }

        static Call form(String path, String... pairs) {
            return new Call("POST", path, "FORM", StaffAgent.form(pairs));
        }

        static Call json(String method, String path, String body) {
            return new Call(method, path, "JSON", body);
        }
    }

    /** One row of the matrix: per school ({@code perSchool}) or once, and who may. */
    record Row(String route, boolean perSchool, Set<String> allowed, BiFunction<EveryStaffEndpointTest, Long, Call> call) {}

    final List<Row> rows = new ArrayList<>();

    void once(String route, Set<String> allowed, java.util.function.Function<EveryStaffEndpointTest, Call> call) {
        rows.add(new Row(route, false, allowed, (t, s) -> call.apply(t)));
    }

    void perSchool(String route, Set<String> allowed, BiFunction<EveryStaffEndpointTest, Long, Call> call) {
        rows.add(new Row(route, true, allowed, call));
    }

    @BeforeEach
    void setUp() {
        round++;
        school.put("own", fixture.school("SHNRO"));
        school.put("partner", fixture.school("SHUVRO"));
        school.put("other", fixture.school("OTHER"));
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", school.get("partner"), "supportedSchoolId", school.get("own")))).status()).isEqualTo(201);
        wave = fixture.openWave("example", "parents");
        for (long s : school.values()) {
            fixture.codes(wave, s, "example", "7А", 1, 30);
        }
        accounts.create("admin-e" + round, "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        accounts.create("psy-e" + round, "Психолог", Role.PSYCHOLOGIST, List.of(school.get("own")), PASSWORD, false);
        accounts.create("dir-e" + round, "Директор", Role.DIRECTOR, List.of(school.get("own")), PASSWORD, false);
        agents.put("ANONYMOUS", new StaffAgent(http));
        agents.put("DIRECTOR", new StaffAgent(http).signedIn("dir-e" + round, PASSWORD));
        agents.put("PSYCHOLOGIST", new StaffAgent(http).signedIn("psy-e" + round, PASSWORD));
        agents.put("ADMIN", new StaffAgent(http).signedIn("admin-e" + round, PASSWORD));
        for (String name : SCHOOLS) {
            Http.Response created = asAdmin(Call.json("POST", "/api/v1/staff/focus-groups/sessions", sessionJson(school.get(name))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            session.put(name, http.json(created).get("id").getLongValue());
        }
        createProgrammes();
        declareRows();
    }

    String sessionJson(long schoolId) {
        return """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02", "moderator": "М. И.",
                 "guide": "focus-parents", "participants": [{"role": "PARENT", "grade": 5, "count": 6}]}"""
                .formatted(schoolId, wave);
    }

    Http.Response asAdmin(Call call) {
        return send(agents.get("ADMIN"), call);
    }

    /** A school with a score of ЕГЭ физика 2024 to delete (a new school each time, so the score is there). */
    long throwawayScore() {
        long s = fixture.school("OTHER");
        Http.Response put = asAdmin(Call.json("PUT", "/api/v1/staff/external-scores/" + s + "/2024/" + StaffAgent.enc("ЕГЭ")
                + "/" + StaffAgent.enc("физика"), "{\"meanScore\": 50, \"participants\": 10}"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return s;
    }

    // --- programme ---
    final Map<Long, long[]> programme = new LinkedHashMap<>();

    /**
     * A support programme per school, each with one measure its school carries out: the own school's with its
     * partner as mentor (the pair), the partner's and the other school's without a mentor.
     */
    void createProgrammes() {
        for (String name : SCHOOLS) {
            long s = school.get(name);
            Http.Response p = asAdmin(Call.json("POST", "/api/v1/staff/programmes", """
                    {"supportedSchoolId": %d, %s "title": "Программа", "baselineWaveId": %d}"""
                    .formatted(s, name.equals("own") ? "\"mentorSchoolId\": " + school.get("partner") + "," : "", wave)));
            assertThat(p.status()).as(p.body()).isEqualTo(201);
            long id = http.json(p).get("id").getLongValue();
            Http.Response m = asAdmin(Call.json("POST", "/api/v1/staff/programmes/" + id + "/measures", """
                    {"title": "Мероприятие", "owner": "SUPPORTED_SCHOOL", "indicatorKind": "EXTERNAL", "assessment": "ОГЭ",
                     "subject": "математика", "startsOn": "2026-09-01", "dueOn": "2026-12-01"}"""));
            assertThat(m.status()).as(m.body()).isEqualTo(201);
            programme.put(s, new long[] {id, http.json(m).get("id").getLongValue()});
        }
    }

    /** The programme of the school with this id, and the path of its measure. */
    String programmeOf(long schoolId) {
        return "/" + programme.get(schoolId)[0];
    }

    String measureOf(long schoolId) {
        return programmeOf(schoolId) + "/measures/" + programme.get(schoolId)[1];
    }

    /** A programme is read by the coordinator and the staff of its pair's schools (here: the own school's programme). */
    static final Set<String> PROGRAMME_READ = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own",
            "DIRECTOR:own");

    /** The focus-group session of the school with this id. */
    static final String MULTIPART = "multipart/form-data; boundary=probe";
    /** A multipart import whose file has no known column: the job refuses it and stores nothing. */
    static final String REFUSED_UPLOAD = "--probe\r\nContent-Disposition: form-data; name=\"questionnaire\"\r\n\r\nexample\r\n"
            + "--probe\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "nonsense\r\n--probe--\r\n";

    /** A finished import job of the school in the wave, for the probes of its page and status. */
    String importJobOf(long schoolId) {
        return db.string("INSERT INTO import_job (id, wave_id, school_id, questionnaire_version_id, state, bytes_total, rows_total, "
                + "stored, already_present, finished_at) SELECT gen_random_uuid(), ?, ?, questionnaire_version_id, 'DONE', 9, 1, 1, 0, now() "
                + "FROM wave_questionnaire WHERE wave_id = ? LIMIT 1 RETURNING id::text", wave, schoolId, wave);
    }

    long sessionOf(long schoolId) {
        return session.get(school.entrySet().stream().filter(e -> e.getValue() == schoolId).findFirst().orElseThrow().getKey());
    }

    /** A fresh excerpt in the school's session, for the probes that delete one. */
    long excerptIn(long schoolId) {
        Http.Response r = asAdmin(Call.json("POST", "/api/v1/staff/focus-groups/sessions/" + sessionOf(schoolId) + "/excerpts",
                "{\"text\": \"Всё хорошо\", \"code\": \"comfort\", \"sentiment\": \"POSITIVE\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return http.json(r).get("id").getLongValue();
    }

    /** The psychologist's batch of summaries of the wave, {@code finished} when the ZIP must be ready. */
    String batch(boolean finished) {
        StaffAgent psy = agents.get("PSYCHOLOGIST");
        Http.Response started = send(psy, Call.json("POST", "/api/v1/staff/waves/" + wave + "/summary-batches", null));
        assertThat(started.status()).as(started.body()).isIn(200, 202);
        String id = http.json(started).get("id").getStringValue();
        for (int i = 0; finished && i < 300; i++) {
            Http.Response status = send(psy, Call.json("GET", "/api/v1/staff/summary-batches/" + id, null));
            if (http.json(status).get("state").getStringValue().equals("DONE")) {
                return id;
            }
            sleep(100);
        }
        assertThat(finished).as("the batch finished within 30 s").isFalse();
        return id;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open wave with access codes for this school only. */
    long waveOf(long schoolId) {
        long id = fixture.openWave("example");
        fixture.codes(id, schoolId, "example", "7А", 1, 30);
        return id;
    }

    /** A partnership of two schools of its own, for the probes that remove one. */
    long throwawayPartnership() {
        Http.Response r = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", fixture.school("SHUVRO"), "supportedSchoolId", fixture.school("SHNRO"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return http.json(r).get("id").getLongValue();
    }

    /** Fills in the school's profile of 2026/27 (as a coordinator), for the probes that read one; the school's id. */
    long profiled(long schoolId) {
        Http.Response r = asAdmin(Call.json("PUT", "/api/v1/staff/schools/" + schoolId + "/profiles/2026", """
                {"students": 300, "senStudents": 3, "otherLanguageStudents": 0, "teachers": 20, "teacherVacancies": 1,
                 "psychologists": 1, "speechTherapists": 0, "specialNeedsTeachers": 0, "socialPedagogues": 0, "tutors": 0,
                 "staffTrained": 4, "equipment": ["LIBRARY"], "comment": ""}"""));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return schoolId;
    }

    /** Marks the school mentor-capable (as a coordinator), for the probes of its offer; the school's id. */
    long mentorCapable(long schoolId) {
        Http.Response r = asAdmin(Call.json("PUT", "/api/v1/staff/schools/" + schoolId + "/mentor-capable", "{\"marked\": true}"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return schoolId;
    }

    /** A personal API token of an account nobody signs in with, for the probe that revokes one. */
    long victimToken() {
        return apiTokens.create(victim(), "probe", "30").stored().id();
    }

    /** Reading a programme of a school without a mentor: an administrator any, its psychologist and director. */
    static final Set<String> PAIR = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own", "DIRECTOR:own");
    final Map<Long, Long> programmes = new LinkedHashMap<>();

    /** A support programme of the school (written as the programme feature would), for the effect probes. */
    long effectProgrammeOf(long schoolId) {
        return programmes.computeIfAbsent(schoolId, s -> db.count(
                "INSERT INTO programme (supported_school_id, title, baseline_wave_id) VALUES (?, 'Программа', ?) RETURNING id",
                s, wave));
    }

    /** A programme indicator of its own, for the probes that open or change one. */
    long indicator() {
        return db.count("INSERT INTO programme_indicator (name, unit, level, source, plan_value, due_on) "
                + "VALUES ('Индикатор', 'COUNT', 'REGION', 'ENTERED', 1, DATE '2040-08-31') RETURNING id");
    }

    /** An account nobody signs in with, for the probes that switch one off or on. */
    long victim() {
        return accounts.create("victim-e" + System.nanoTime(), "Учётная запись", Role.DIRECTOR, List.of(school.get("other")),
                PASSWORD, false).id();
    }

    private void declareRows() {
        String w = "/staff/waves/";
        String fg = "/staff/focus-groups";
        String fgApi = "/api/v1/staff/focus-groups";
        String admin = "/api/v1/admin";
        // ---- account ----
        once("GET /staff", STAFF, t -> Call.page("/staff"));
        once("GET /staff/password", STAFF, t -> Call.page("/staff/password"));
        once("POST /staff/password", STAFF, t -> Call.form("/staff/password"));
        once("POST /staff/logout", STAFF, t -> Call.form("/staff/logout"));
        // one's own account page and personal API tokens; revoking another account's token is "not found"
        once("GET /staff/account", STAFF, t -> Call.page("/staff/account"));
        once("POST /staff/account/tokens", STAFF, t -> Call.form("/staff/account/tokens", "name", "R", "validity", "30"));
        once("POST /staff/account/tokens/{id}/revoke", Set.of(), t -> Call.form("/staff/account/tokens/" + t.victimToken() + "/revoke"));
        once("GET /staff/accounts", ADMIN, t -> Call.page("/staff/accounts"));
        once("POST /staff/accounts", ADMIN, t -> Call.form("/staff/accounts"));
        once("GET /staff/accounts/{id}", ADMIN, t -> Call.page("/staff/accounts/" + t.victim()));
        once("POST /staff/accounts/{id}", ADMIN, t -> Call.form("/staff/accounts/" + t.victim(), "displayName", "Другое имя",
                "role", "DIRECTOR", "schools", String.valueOf(t.school.get("other"))));
        once("POST /staff/accounts/{id}/deactivate", ADMIN, t -> Call.form("/staff/accounts/" + t.victim() + "/deactivate"));
        once("POST /staff/accounts/{id}/activate", ADMIN, t -> Call.form("/staff/accounts/" + t.victim() + "/activate"));
        once("GET /staff/questionnaires", ADMIN, t -> Call.page("/staff/questionnaires"));
        once("POST /staff/questionnaires", ADMIN, t -> Call.form("/staff/questionnaires", "name", "bad.yaml", "text", "key: ["));
        once("GET /staff/audit", ADMIN, t -> Call.page("/staff/audit"));
        once("GET /api/v1/staff/me", STAFF, t -> Call.json("GET", "/api/v1/staff/me", null));
        once("GET /api/v1/staff/schools", STAFF, t -> Call.json("GET", "/api/v1/staff/schools", null));
        perSchool("GET /api/v1/staff/schools/{id}", READ, (t, s) -> Call.json("GET", "/api/v1/staff/schools/" + s, null));
        // ---- waves ----
        once("GET /staff/waves", STAFF, t -> Call.page("/staff/waves"));
        once("POST /staff/waves", WAVE_STAFF, t -> Call.form("/staff/waves"));
        once("GET /staff/waves/{id}", STAFF, t -> Call.page(w + t.wave));
        // closing or moving a wave changes it for every school it reaches: a wave of the school alone may be closed or
        // moved by whoever edits that school; a psychologist of another school is refused (a regional wave: coordinators)
        perSchool("POST /staff/waves/{id}/close", EDIT, (t, s) -> Call.form(w + t.waveOf(s) + "/close", "confirm", "yes"));
        perSchool("POST /staff/waves/{id}/extend", EDIT, (t, s) -> Call.form(w + t.waveOf(s) + "/extend",
                "closesAt", "2040-01-01T10:00"));
        perSchool("POST /staff/waves/{id}/codes", EDIT, (t, s) -> Call.form(w + t.wave + "/codes", "schoolId", String.valueOf(s),
                "questionnaire", "example", "groupLabel", "9В", "mode", "shared", "count", "1", "maxUses", "25",
                "expectedSize", "25"));
        perSchool("GET /staff/waves/{id}/schools/{schoolId}/invitations.pdf", EDIT,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/invitations.pdf"));
        once("GET /staff/waves/{id}/monitoring", STAFF, t -> Call.page(w + t.wave + "/monitoring"));
        once("GET /api/v1/staff/waves", STAFF, t -> Call.json("GET", "/api/v1/staff/waves", null));
        once("GET /api/v1/staff/waves/{id}/monitoring", STAFF,
                t -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/monitoring", null));
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/dashboard", READ,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/dashboard"));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/comparisons", READ,
                (t, s) -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/comparisons", null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/problem-matrix", READ,
                (t, s) -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/problem-matrix", null));
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/statements", READ,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/statements"));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/statements", READ,
                (t, s) -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/statements", null));
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/free-text", EDIT,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/free-text"));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/free-text", EDIT,
                (t, s) -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/free-text", null));
        // ---- results per class: those who work on the school's data ----
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/classes", EDIT,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/classes"));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/classes", EDIT,
                (t, s) -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/classes", null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/classes.csv", EDIT,
                (t, s) -> new Call("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/classes.csv", "DOWNLOAD", null));
        // ---- data in and out: CSV export (free text: never directors) and paper import ----
        String ex = "/api/v1/staff/waves/";
        once("GET /staff/waves/{waveId}/data", WAVE_STAFF, t -> Call.page(w + t.wave + "/data"));
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/responses.csv", EDIT,
                (t, s) -> new Call("GET", w + t.wave + "/schools/" + s + "/responses.csv?questionnaire=example", "DOWNLOAD", null));
        once("GET /staff/waves/{waveId}/responses.csv", ADMIN,
                t -> new Call("GET", w + t.wave + "/responses.csv?questionnaire=example", "DOWNLOAD", null));
        once("GET /staff/waves/{waveId}/codebook.csv", WAVE_STAFF,
                t -> new Call("GET", w + t.wave + "/codebook.csv?questionnaire=example", "DOWNLOAD", null));
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/import", EDIT,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/import?questionnaire=example"));
        perSchool("POST /staff/waves/{waveId}/schools/{schoolId}/import", EDIT,
                (t, s) -> Call.form(w + t.wave + "/schools/" + s + "/import", "questionnaire", "example", "csv", ""));
        // a streamed import: a file the job refuses (nothing stored, while later probes compare the tables)
        perSchool("POST /staff/waves/{waveId}/schools/{schoolId}/imports", EDIT,
                (t, s) -> new Call("POST", w + t.wave + "/schools/" + s + "/imports", MULTIPART, REFUSED_UPLOAD));
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/imports/{id}", EDIT,
                (t, s) -> Call.page(w + t.wave + "/schools/" + s + "/imports/" + t.importJobOf(s)));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/imports/{id}", EDIT,
                (t, s) -> Call.json("GET", ex + t.wave + "/schools/" + s + "/imports/" + t.importJobOf(s), null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/responses.csv", EDIT,
                (t, s) -> new Call("GET", ex + t.wave + "/schools/" + s + "/responses.csv?questionnaire=example", "DOWNLOAD", null));
        once("GET /api/v1/staff/waves/{waveId}/responses.csv", ADMIN,
                t -> new Call("GET", ex + t.wave + "/responses.csv?questionnaire=example", "DOWNLOAD", null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/responses.xlsx", EDIT,
                (t, s) -> new Call("GET", ex + t.wave + "/schools/" + s + "/responses.xlsx?questionnaire=example", "DOWNLOAD", null));
        once("GET /api/v1/staff/waves/{waveId}/responses.xlsx", ADMIN,
                t -> new Call("GET", ex + t.wave + "/responses.xlsx?questionnaire=example", "DOWNLOAD", null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/responses.sps", EDIT,
                (t, s) -> new Call("GET", ex + t.wave + "/schools/" + s + "/responses.sps?questionnaire=example", "DOWNLOAD", null));
        once("GET /api/v1/staff/waves/{waveId}/responses.sps", ADMIN,
                t -> new Call("GET", ex + t.wave + "/responses.sps?questionnaire=example", "DOWNLOAD", null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/responses.R", EDIT,
                (t, s) -> new Call("GET", ex + t.wave + "/schools/" + s + "/responses.R?questionnaire=example", "DOWNLOAD", null));
        once("GET /api/v1/staff/waves/{waveId}/responses.R", ADMIN,
                t -> new Call("GET", ex + t.wave + "/responses.R?questionnaire=example", "DOWNLOAD", null));
        once("GET /api/v1/staff/waves/{waveId}/codebook.csv", WAVE_STAFF,
                t -> new Call("GET", ex + t.wave + "/codebook.csv?questionnaire=example", "DOWNLOAD", null));
        perSchool("POST /api/v1/staff/waves/{waveId}/schools/{schoolId}/responses", EDIT,
                (t, s) -> new Call("POST", ex + t.wave + "/schools/" + s + "/responses?questionnaire=example", "text/csv", ""));
        // ---- registry ----
        once("GET /staff/schools", WAVE_STAFF, t -> Call.page("/staff/schools"));
        once("POST /staff/schools", ADMIN, t -> Call.form("/staff/schools"));
        once("GET /staff/schools/{id}", ADMIN, t -> Call.page("/staff/schools/" + t.school.get("own")));
        once("POST /staff/schools/{id}", ADMIN, t -> Call.form("/staff/schools/" + t.school.get("other")));
        once("GET /staff/municipalities", ADMIN, t -> Call.page("/staff/municipalities"));
        once("POST /staff/municipalities/rename", ADMIN, t -> Call.form("/staff/municipalities/rename"));
        once("GET /staff/categories", ADMIN, t -> Call.page("/staff/categories"));
        once("GET /staff/partnerships", ADMIN, t -> Call.page("/staff/partnerships"));
        once("POST /staff/partnerships", ADMIN, t -> Call.form("/staff/partnerships"));
        once("POST /staff/partnerships/{id}/remove", ADMIN,
                t -> Call.form("/staff/partnerships/" + t.throwawayPartnership() + "/remove"));
        // ---- risk profiles (#19) ----
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/risk-profile", READ,
                (t, s) -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/risk-profile", null));
        // every staff member gets the list; what is in it (their readable schools) is RiskProfilesTest's
        once("GET /api/v1/staff/waves/{waveId}/risk-profiles", STAFF,
                t -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/risk-profiles", null));
        once("GET /staff/waves/{waveId}/risks", ADMIN, t -> Call.page(w + t.wave + "/risks"));
        // ---- plan: the programme's indicators, coordinators only ----
        once("GET /staff/plan", ADMIN, t -> Call.page("/staff/plan"));
        once("GET /staff/plan.pdf", ADMIN, t -> new Call("GET", "/staff/plan.pdf", "DOWNLOAD", null));
        once("POST /staff/plan/indicators", ADMIN, t -> Call.form("/staff/plan/indicators"));
        once("GET /staff/plan/indicators/{id}", ADMIN, t -> Call.page("/staff/plan/indicators/" + t.indicator()));
        once("POST /staff/plan/indicators/{id}", ADMIN, t -> Call.form("/staff/plan/indicators/" + t.indicator()));
        once("POST /staff/plan/facts", ADMIN, t -> Call.form("/staff/plan/facts"));
        once("POST /staff/plan/standard", ADMIN, t -> Call.form("/staff/plan/standard"));
        once("GET /api/v1/staff/plan", ADMIN, t -> Call.json("GET", "/api/v1/staff/plan", null));
        once("POST /api/v1/staff/plan/indicators", ADMIN, t -> Call.json("POST", "/api/v1/staff/plan/indicators", "{}"));
        once("POST /api/v1/staff/plan/facts", ADMIN, t -> Call.json("POST", "/api/v1/staff/plan/facts", "{}"));
        once("POST /api/v1/staff/plan/standard", ADMIN, t -> Call.json("POST", "/api/v1/staff/plan/standard", "{}"));
        // ---- wave overview (coordinators) ----
        once("GET /staff/overview", ADMIN, t -> Call.page("/staff/overview"));
        once("GET /staff/overview/current", ADMIN, t -> Call.page("/staff/overview/current"));
        once("GET /staff/waves/{waveId}/overview", ADMIN, t -> Call.page(w + t.wave + "/overview"));
        once("GET /staff/waves/{waveId}/overview.pdf", ADMIN, t -> new Call("GET", w + t.wave + "/overview.pdf", "DOWNLOAD", null));
        perSchool("POST /staff/waves/{waveId}/overview/results", ADMIN_ANY, (t, s) -> Call.form(w + t.wave + "/overview/results",
                "schoolId", String.valueOf(s), "value", "61,5", "label", "ОГЭ, средний балл"));
        once("GET /api/v1/staff/waves/{waveId}/overview", ADMIN,
                t -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/overview", null));
        once("GET /api/v1/staff/waves/{waveId}/overview.pdf", ADMIN,
                t -> new Call("GET", "/api/v1/staff/waves/" + t.wave + "/overview.pdf", "DOWNLOAD", null));
        once("GET /api/v1/staff/waves/{waveId}/external-results", ADMIN,
                t -> Call.json("GET", "/api/v1/staff/waves/" + t.wave + "/external-results", null));
        perSchool("PUT /api/v1/staff/waves/{waveId}/external-results/{schoolId}", ADMIN_ANY,
                (t, s) -> Call.json("PUT", "/api/v1/staff/waves/" + t.wave + "/external-results/" + s,
                        "{\"value\": 61.5, \"label\": \"ОГЭ\"}"));
        // ---- external results over years (coordinators) ----
        String scores = "/api/v1/staff/external-scores";
        once("GET /staff/results", ADMIN, t -> Call.page("/staff/results"));
        once("POST /staff/results/rows", ADMIN, t -> Call.form("/staff/results/rows", "schoolId",
                String.valueOf(t.school.get("own")), "year", "2025", "assessment", "ОГЭ", "subject", "математика",
                "meanScore", "3,9", "participants", "40", "belowPassShare", "5%"));
        once("POST /staff/results/rows/delete", ADMIN, t -> Call.form("/staff/results/rows/delete",
                "schoolId", String.valueOf(t.throwawayScore()), "year", "2024", "assessment", "ЕГЭ", "subject", "физика"));
        once("POST /staff/results/import", ADMIN, t -> Call.form("/staff/results/import", "csv",
                "school_id,year,assessment,subject,mean_score,participants\n" + t.school.get("own") + ",2025,ЕГЭ,химия,61.5,20\n"));
        once("POST /staff/results/outcomes", ADMIN, t -> Call.form("/staff/results/outcomes", "waveId", String.valueOf(t.wave),
                "year", "2025", "assessment", "ОГЭ", "subject", "математика"));
        once("GET /api/v1/staff/external-scores", ADMIN, t -> Call.json("GET", scores + "?year=2025", null));
        once("POST /api/v1/staff/external-scores", ADMIN, t -> new Call("POST", scores, "text/csv",
                "school_id;year;assessment;subject;mean_score;participants\n" + t.school.get("own") + ";2025;ЕГЭ;химия;61,5;20\n"));
        once("PUT /api/v1/staff/external-scores/{schoolId}/{year}/{assessment}/{subject}", ADMIN, t -> Call.json("PUT",
                scores + "/" + t.school.get("own") + "/2025/" + StaffAgent.enc("ЕГЭ") + "/" + StaffAgent.enc("физика"),
                "{\"meanScore\": 55.5, \"participants\": 12, \"belowPassShare\": 0.1}"));
        once("DELETE /api/v1/staff/external-scores/{schoolId}/{year}/{assessment}/{subject}", ADMIN, t -> Call.json("DELETE",
                scores + "/" + t.throwawayScore() + "/2024/" + StaffAgent.enc("ЕГЭ") + "/" + StaffAgent.enc("физика"), null));
        once("GET /api/v1/staff/external-scores/outcomes", ADMIN, t -> Call.json("GET", scores + "/outcomes", null));
        once("PUT /api/v1/staff/external-scores/outcomes/{waveId}", ADMIN, t -> Call.json("PUT", scores + "/outcomes/" + t.wave,
                "{\"year\": 2025, \"assessment\": \"ОГЭ\", \"subject\": \"математика\"}"));
        // ---- effect: measured effects of a programme, its report, what worked (a programme per school, no mentor) ----
        once("GET /staff/programmes/what-worked", ADMIN, t -> Call.page("/staff/programmes/what-worked"));
        perSchool("GET /staff/programmes/{id}.pdf", PAIR, (t, s) -> new Call("GET", "/staff/programmes/" + t.effectProgrammeOf(s) + ".pdf",
                "DOWNLOAD", null));
        perSchool("GET /api/v1/staff/programmes/{id}/effects", PAIR,
                (t, s) -> Call.json("GET", "/api/v1/staff/programmes/" + t.effectProgrammeOf(s) + "/effects", null));
        // ---- identification (coordinators) ----
        once("GET /staff/identification", ADMIN, t -> Call.page("/staff/identification"));
        perSchool("POST /staff/identification/{schoolId}/decision", ADMIN_ANY, (t, s) -> Call.form(
                "/staff/identification/" + s + "/decision", "category", "OTHER", "reason", "Проверка доступа"));
        perSchool("POST /staff/identification/{schoolId}/mentor", ADMIN_ANY, (t, s) -> Call.form(
                "/staff/identification/" + s + "/mentor", "mentorSchoolId", String.valueOf(s)));
        once("GET /api/v1/staff/identification", ADMIN, t -> Call.json("GET", "/api/v1/staff/identification", null));
        perSchool("POST /api/v1/staff/identification/decisions", ADMIN_ANY, (t, s) -> Call.json("POST",
                "/api/v1/staff/identification/decisions", "{\"schoolId\": " + s + ", \"category\": \"OTHER\", \"reason\": \"Проверка\"}"));
        perSchool("POST /api/v1/staff/identification/mentors", ADMIN_ANY, (t, s) -> Call.json("POST",
                "/api/v1/staff/identification/mentors", "{\"supportedSchoolId\": " + s + ", \"mentorSchoolId\": " + s + "}"));
        // ---- school summaries: one PDF (a director only their own school), batches of a wave ----
        perSchool("GET /staff/waves/{waveId}/schools/{schoolId}/summary.pdf", DOWNLOAD,
                (t, s) -> new Call("GET", w + t.wave + "/schools/" + s + "/summary.pdf", "DOWNLOAD", null));
        perSchool("GET /api/v1/staff/waves/{waveId}/schools/{schoolId}/summary.pdf", DOWNLOAD,
                (t, s) -> new Call("GET", "/api/v1/staff/waves/" + t.wave + "/schools/" + s + "/summary.pdf", "DOWNLOAD", null));
        once("POST /staff/waves/{waveId}/summaries", WAVE_STAFF, t -> Call.form(w + t.wave + "/summaries", "lang", "ru"));
        once("POST /api/v1/staff/waves/{waveId}/summary-batches", WAVE_STAFF,
                t -> Call.json("POST", "/api/v1/staff/waves/" + t.wave + "/summary-batches", null));
        // a batch is the psychologist's own: others but administrators are told it does not exist (404)
        once("GET /staff/summary-batches/{id}", WAVE_STAFF, t -> Call.page("/staff/summary-batches/" + t.batch(false)));
        once("POST /staff/summary-batches/{id}/cancel", WAVE_STAFF,
                t -> Call.form("/staff/summary-batches/" + t.batch(false) + "/cancel"));
        once("GET /staff/summary-batches/{id}/summaries.zip", WAVE_STAFF,
                t -> new Call("GET", "/staff/summary-batches/" + t.batch(true) + "/summaries.zip", "DOWNLOAD", null));
        once("GET /api/v1/staff/summary-batches/{id}", WAVE_STAFF,
                t -> Call.json("GET", "/api/v1/staff/summary-batches/" + t.batch(false), null));
        once("POST /api/v1/staff/summary-batches/{id}/cancel", WAVE_STAFF,
                t -> Call.json("POST", "/api/v1/staff/summary-batches/" + t.batch(false) + "/cancel", null));
        // ---- focus groups: pages ----
        once("GET /staff/focus-groups", STAFF, t -> Call.page(fg));
        once("POST /staff/focus-groups/codes", WAVE_STAFF, t -> Call.form(fg + "/codes"));
        // the school of the query only preselects one of the caller's own schools in the form
        perSchool("GET /staff/focus-groups/new", Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own",
                "PSYCHOLOGIST:partner", "PSYCHOLOGIST:other"), (t, s) -> Call.page(fg + "/new?school=" + s + "&wave=" + t.wave));
        perSchool("POST /staff/focus-groups", EDIT, (t, s) -> Call.form(fg, "school", String.valueOf(s),
                "wave", String.valueOf(t.wave)));
        perSchool("GET /staff/focus-groups/{id}", EDIT, (t, s) -> Call.page(fg + "/" + t.sessionOf(s)));
        perSchool("POST /staff/focus-groups/{id}/notes", EDIT, (t, s) -> Call.form(fg + "/" + t.sessionOf(s) + "/notes"));
        perSchool("POST /staff/focus-groups/{id}/excerpts", EDIT, (t, s) -> Call.form(fg + "/" + t.sessionOf(s) + "/excerpts"));
        perSchool("POST /staff/focus-groups/{id}/excerpts/{excerptId}/delete", EDIT,
                (t, s) -> Call.form(fg + "/" + t.sessionOf(s) + "/excerpts/" + t.excerptIn(s) + "/delete"));
        perSchool("POST /staff/focus-groups/{id}/polls", EDIT, (t, s) -> Call.form(fg + "/" + t.sessionOf(s) + "/polls"));
        perSchool("GET /staff/focus-groups/summary", READ, (t, s) -> Call.page(fg + "/summary?school=" + s + "&wave=" + t.wave));
        perSchool("GET /staff/focus-groups/export.csv", EDIT,
                (t, s) -> Call.page(fg + "/export.csv?school=" + s + "&wave=" + t.wave));
        perSchool("POST /staff/focus-groups/import", EDIT, (t, s) -> Call.form(fg + "/import", "school", String.valueOf(s),
                "wave", String.valueOf(t.wave), "csv", ""));
        // ---- focus groups: API ----
        once("GET /api/v1/staff/focus-groups/codes", STAFF, t -> Call.json("GET", fgApi + "/codes", null));
        once("POST /api/v1/staff/focus-groups/codes", WAVE_STAFF, t -> Call.json("POST", fgApi + "/codes",
                "{\"code\": \"c" + System.nanoTime() + "\", \"labelRu\": \"Тема\", \"labelEn\": \"Theme\"}"));
        perSchool("GET /api/v1/staff/focus-groups", EDIT,
                (t, s) -> Call.json("GET", fgApi + "?school=" + s + "&wave=" + t.wave, null));
        perSchool("POST /api/v1/staff/focus-groups/sessions", EDIT,
                (t, s) -> Call.json("POST", fgApi + "/sessions", t.sessionJson(s)));
        perSchool("GET /api/v1/staff/focus-groups/sessions/{id}", EDIT,
                (t, s) -> Call.json("GET", fgApi + "/sessions/" + t.sessionOf(s), null));
        perSchool("PUT /api/v1/staff/focus-groups/sessions/{id}/notes/{questionId}", EDIT,
                (t, s) -> Call.json("PUT", fgApi + "/sessions/" + t.sessionOf(s) + "/notes/p_dem1", "{\"text\": \"Заметка\"}"));
        perSchool("POST /api/v1/staff/focus-groups/sessions/{id}/excerpts", EDIT,
                (t, s) -> Call.json("POST", fgApi + "/sessions/" + t.sessionOf(s) + "/excerpts",
                        "{\"text\": \"Цитата\", \"code\": \"comfort\", \"sentiment\": \"MIXED\"}"));
        perSchool("DELETE /api/v1/staff/focus-groups/sessions/{id}/excerpts/{excerptId}", EDIT,
                (t, s) -> Call.json("DELETE", fgApi + "/sessions/" + t.sessionOf(s) + "/excerpts/" + t.excerptIn(s), null));
        perSchool("POST /api/v1/staff/focus-groups/sessions/{id}/polls", EDIT,
                (t, s) -> Call.json("POST", fgApi + "/sessions/" + t.sessionOf(s) + "/polls",
                        "{\"theme\": \"comfort\", \"question\": \"Комфортно?\", \"counts\": [0, 1, 1, 3, 2]}"));
        perSchool("GET /api/v1/staff/focus-groups/summary", READ,
                (t, s) -> Call.json("GET", fgApi + "/summary?school=" + s + "&wave=" + t.wave, null));
        perSchool("GET /api/v1/staff/focus-groups/export.csv", EDIT,
                (t, s) -> new Call("GET", fgApi + "/export.csv?school=" + s + "&wave=" + t.wave, "DOWNLOAD", null));
        perSchool("POST /api/v1/staff/focus-groups/import", EDIT,
                (t, s) -> new Call("POST", fgApi + "/import?school=" + s + "&wave=" + t.wave, "text/csv", ""));
        // ---- school profiles and mentor resources (profile) ----
        once("GET /staff/profiles", STAFF, t -> Call.page("/staff/profiles"));
        perSchool("GET /staff/schools/{id}/profile", READ, (t, s) -> Call.page("/staff/schools/" + s + "/profile?year=2026"));
        perSchool("POST /staff/schools/{id}/profile", PROFILE_EDIT,
                (t, s) -> Call.form("/staff/schools/" + s + "/profile", "year", "2026"));
        perSchool("GET /staff/schools/{id}/mentor-resources", READ,
                (t, s) -> Call.page("/staff/schools/" + t.mentorCapable(s) + "/mentor-resources"));
        perSchool("POST /staff/schools/{id}/mentor-resources", PROFILE_EDIT,
                (t, s) -> Call.form("/staff/schools/" + t.mentorCapable(s) + "/mentor-resources"));
        once("GET /staff/mentor-resources", ADMIN, t -> Call.page("/staff/mentor-resources"));
        once("POST /staff/mentor-resources/mark", ADMIN, t -> Call.form("/staff/mentor-resources/mark"));
        perSchool("GET /api/v1/staff/schools/{id}/profiles/{year}", READ,
                (t, s) -> Call.json("GET", "/api/v1/staff/schools/" + t.profiled(s) + "/profiles/2026", null));
        perSchool("PUT /api/v1/staff/schools/{id}/profiles/{year}", PROFILE_EDIT,
                (t, s) -> Call.json("PUT", "/api/v1/staff/schools/" + s + "/profiles/2026", "{}"));
        once("GET /api/v1/staff/profiles", ADMIN, t -> Call.json("GET", "/api/v1/staff/profiles?year=2026", null));
        perSchool("GET /api/v1/staff/schools/{id}/mentor-resources", READ,
                (t, s) -> Call.json("GET", "/api/v1/staff/schools/" + t.mentorCapable(s) + "/mentor-resources", null));
        perSchool("PUT /api/v1/staff/schools/{id}/mentor-resources", PROFILE_EDIT,
                (t, s) -> Call.json("PUT", "/api/v1/staff/schools/" + t.mentorCapable(s) + "/mentor-resources", "{}"));
        once("GET /api/v1/staff/mentor-resources", ADMIN, t -> Call.json("GET", "/api/v1/staff/mentor-resources", null));
        perSchool("PUT /api/v1/staff/schools/{id}/mentor-capable", ADMIN_ANY,
                (t, s) -> Call.json("PUT", "/api/v1/staff/schools/" + s + "/mentor-capable", "{}"));
        // ---- support programmes (pages and API) ----
        String pr = "/staff/programmes";
        String prApi = "/api/v1/staff/programmes";
        once("GET /staff/programmes", STAFF, t -> Call.page(pr));
        once("GET /staff/programmes/new", ADMIN, t -> Call.page(pr + "/new"));
        perSchool("POST /staff/programmes", ADMIN_ANY, (t, s) -> Call.form(pr, "pair", s + ":"));
        once("GET /staff/programmes/roadmap", STAFF, t -> Call.page(pr + "/roadmap"));
        once("GET /staff/programmes/roadmap.csv", STAFF, t -> new Call("GET", pr + "/roadmap.csv", "DOWNLOAD", null));
        perSchool("GET /staff/programmes/{id}", PROGRAMME_READ, (t, s) -> Call.page(pr + t.programmeOf(s)));
        perSchool("POST /staff/programmes/{id}", EDIT, (t, s) -> Call.form(pr + t.programmeOf(s)));
        perSchool("POST /staff/programmes/{id}/measures", EDIT, (t, s) -> Call.form(pr + t.programmeOf(s) + "/measures"));
        perSchool("POST /staff/programmes/{id}/measures/{measureId}", EDIT, (t, s) -> Call.form(pr + t.measureOf(s)));
        perSchool("POST /staff/programmes/{id}/measures/{measureId}/status", EDIT,
                (t, s) -> Call.form(pr + t.measureOf(s) + "/status"));
        // a director notes the measures their school carries out (each measure here: its programme's school)
        perSchool("POST /staff/programmes/{id}/measures/{measureId}/notes", PROGRAMME_READ,
                (t, s) -> Call.form(pr + t.measureOf(s) + "/notes"));
        once("GET /api/v1/staff/programmes", STAFF, t -> Call.json("GET", prApi, null));
        perSchool("POST /api/v1/staff/programmes", ADMIN_ANY, (t, s) -> Call.json("POST", prApi, "{\"supportedSchoolId\": " + s + "}"));
        once("GET /api/v1/staff/programmes/roadmap", STAFF, t -> Call.json("GET", prApi + "/roadmap", null));
        once("GET /api/v1/staff/programmes/roadmap.csv", STAFF, t -> new Call("GET", prApi + "/roadmap.csv", "DOWNLOAD", null));
        perSchool("GET /api/v1/staff/programmes/{id}", PROGRAMME_READ, (t, s) -> Call.json("GET", prApi + t.programmeOf(s), null));
        perSchool("PUT /api/v1/staff/programmes/{id}", EDIT, (t, s) -> Call.json("PUT", prApi + t.programmeOf(s), "{}"));
        perSchool("POST /api/v1/staff/programmes/{id}/measures", EDIT,
                (t, s) -> Call.json("POST", prApi + t.programmeOf(s) + "/measures", "{}"));
        perSchool("PUT /api/v1/staff/programmes/{id}/measures/{measureId}", EDIT,
                (t, s) -> Call.json("PUT", prApi + t.measureOf(s), "{}"));
        perSchool("PUT /api/v1/staff/programmes/{id}/measures/{measureId}/status", EDIT,
                (t, s) -> Call.json("PUT", prApi + t.measureOf(s) + "/status", "{}"));
        perSchool("POST /api/v1/staff/programmes/{id}/measures/{measureId}/notes", PROGRAMME_READ,
                (t, s) -> Call.json("POST", prApi + t.measureOf(s) + "/notes", "{}"));
        // ---- administration API (coordinators; also reachable with the deployment's bearer token) ----
        once("GET /api/v1/admin/schools", ADMIN, t -> Call.json("GET", admin + "/schools", null));
        once("POST /api/v1/admin/schools", ADMIN, t -> Call.json("POST", admin + "/schools", "{}"));
        once("GET /api/v1/admin/partnerships", ADMIN, t -> Call.json("GET", admin + "/partnerships", null));
        once("POST /api/v1/admin/partnerships", ADMIN, t -> Call.json("POST", admin + "/partnerships", "{}"));
        once("GET /api/v1/admin/schools/{id}", ADMIN, t -> Call.json("GET", admin + "/schools/" + t.school.get("own"), null));
        once("PUT /api/v1/admin/schools/{id}", ADMIN, t -> Call.json("PUT", admin + "/schools/" + t.school.get("other"), "{}"));
        once("GET /api/v1/admin/municipalities", ADMIN, t -> Call.json("GET", admin + "/municipalities", null));
        once("POST /api/v1/admin/municipalities/rename", ADMIN, t -> Call.json("POST", admin + "/municipalities/rename", "{}"));
        once("GET /api/v1/admin/categories", ADMIN, t -> Call.json("GET", admin + "/categories", null));
        once("DELETE /api/v1/admin/partnerships/{id}", ADMIN,
                t -> Call.json("DELETE", admin + "/partnerships/" + t.throwawayPartnership(), null));
        once("GET /api/v1/admin/audit", ADMIN, t -> Call.json("GET", admin + "/audit", null));
        once("GET /api/v1/admin/questionnaires", ADMIN, t -> Call.json("GET", admin + "/questionnaires", null));
        once("POST /api/v1/admin/questionnaires", ADMIN, t -> new Call("POST", admin + "/questionnaires", "application/yaml", "key: [unclosed"));
        once("GET /api/v1/admin/questionnaires/{id}/source", ADMIN,
                t -> new Call("GET", admin + "/questionnaires/" + t.db.count("SELECT min(id) FROM questionnaire_version") + "/source",
                        "DOWNLOAD", null));
        once("GET /api/v1/admin/waves", ADMIN, t -> Call.json("GET", admin + "/waves", null));
        once("POST /api/v1/admin/waves", ADMIN, t -> Call.json("POST", admin + "/waves", "{}"));
        once("GET /api/v1/admin/waves/{id}", ADMIN, t -> Call.json("GET", admin + "/waves/" + t.wave, null));
        once("PATCH /api/v1/admin/waves/{id}", ADMIN, t -> Call.json("PATCH", admin + "/waves/" + t.wave, "{}"));
        once("GET /api/v1/admin/waves/{id}/access-codes", ADMIN,
                t -> Call.json("GET", admin + "/waves/" + t.wave + "/access-codes", null));
        once("POST /api/v1/admin/waves/{id}/access-codes", ADMIN,
                t -> Call.json("POST", admin + "/waves/" + t.wave + "/access-codes", "{}"));
        once("GET /api/v1/admin/waves/{id}/indices", ADMIN, t -> Call.json("GET", admin + "/waves/" + t.wave + "/indices", null));
        perSchool("GET /api/v1/admin/waves/{id}/schools/{schoolId}/indices", ADMIN_ANY,
                (t, s) -> Call.json("GET", admin + "/waves/" + t.wave + "/schools/" + s + "/indices", null));
        perSchool("GET /api/v1/admin/waves/{id}/schools/{schoolId}/summary.pdf", ADMIN_ANY,
                (t, s) -> new Call("GET", admin + "/waves/" + t.wave + "/schools/" + s + "/summary.pdf", "DOWNLOAD", null));
        once("GET /api/v1/admin/waves/{waveId}/responses.csv", ADMIN,
                t -> new Call("GET", admin + "/waves/" + t.wave + "/responses.csv", "DOWNLOAD", null));
        once("GET /api/v1/admin/waves/{waveId}/responses.xlsx", ADMIN,
                t -> new Call("GET", admin + "/waves/" + t.wave + "/responses.xlsx", "DOWNLOAD", null));
        once("GET /api/v1/admin/waves/{waveId}/responses.sps", ADMIN,
                t -> new Call("GET", admin + "/waves/" + t.wave + "/responses.sps", "DOWNLOAD", null));
        once("GET /api/v1/admin/waves/{waveId}/responses.R", ADMIN,
                t -> new Call("GET", admin + "/waves/" + t.wave + "/responses.R", "DOWNLOAD", null));
        once("GET /api/v1/admin/waves/{waveId}/codebook.csv", ADMIN,
                t -> new Call("GET", admin + "/waves/" + t.wave + "/codebook.csv", "DOWNLOAD", null));
        perSchool("POST /api/v1/admin/waves/{waveId}/schools/{schoolId}/responses", ADMIN_ANY,
                (t, s) -> new Call("POST", admin + "/waves/" + t.wave + "/schools/" + s + "/responses", "text/csv", ""));
        perSchool("GET /api/v1/admin/waves/{waveId}/schools/{schoolId}/imports/{id}", ADMIN_ANY,
                (t, s) -> Call.json("GET", admin + "/waves/" + t.wave + "/schools/" + s + "/imports/" + t.importJobOf(s), null));
    }

    /** Answers to a deliberately incomplete request that has got past the access checks. */
    static final Set<Integer> VALIDATION = Set.of(400, 409, 422);

    /** Routes where a refusal is 404 (the object is someone else's and its existence is not told), not 403. */
    static final Set<String> HIDDEN = Set.of("GET /staff/summary-batches/{id}", "POST /staff/summary-batches/{id}/cancel",
            "GET /staff/summary-batches/{id}/summaries.zip", "GET /api/v1/staff/summary-batches/{id}",
            "POST /api/v1/staff/summary-batches/{id}/cancel", "POST /staff/account/tokens/{id}/revoke");

    /** A school's summary PDF: an administrator any, a psychologist their own, a director their own (not the partner's). */
    static final Set<String> DOWNLOAD = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own",
            "DIRECTOR:own");

    static final Set<String> ADMIN_ANY = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other");

    /** A school's profile and mentor offer: an administrator any school, a director or psychologist their own. */
    static final Set<String> PROFILE_EDIT = Set.of("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own",
            "DIRECTOR:own");

    Http.Response send(StaffAgent agent, Call call) {
        return switch (call.kind()) {
            case "PAGE" -> agent.get(call.path());
            case "DOWNLOAD" -> agent.send("GET", call.path(), null, null, "Accept", "*/*");
            case "FORM" -> agent.post(call.path(), call.body().isEmpty()
                    ? StaffAgent.form("csrfToken", agent.csrf) : StaffAgent.form("csrfToken", agent.csrf) + "&" + call.body());
            case "JSON" -> agent.send(call.method(), call.path(), call.body() == null ? null : JSON, call.body(),
                    "Accept", JSON, "X-CSRF-Token", agent.csrf);
            default -> agent.send(call.method(), call.path(), call.kind(), call.body(), "Accept", "*/*",
                    "X-CSRF-Token", agent.csrf); // a body of the content type named by the kind
        };
    }

    /** Row counts of every table but the bookkeeping ones, to show that a refusal changed nothing. */
    String tableSizes() {
        if (sizeQuery == null) {
            String tables = db.string("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
            // the contents, not only the row counts: a refused update in place must not have happened either
            sizeQuery = "SELECT concat_ws(' '" + java.util.Arrays.stream(tables.split(",")).filter(t -> !BOOKKEEPING.contains(t))
                    .map(t -> ", '" + t + "=' || " + (WORKED_ON_IN_THE_BACKGROUND.contains(t)
                            ? "(SELECT count(*) FROM \"" + t + "\")"
                            : "(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM \"" + t + "\" x)"))
                    .collect(Collectors.joining()) + ")";
        }
        return db.string(sizeQuery);
    }

    private String sizeQuery;

    /** Every route under the staff and administration prefixes, as "METHOD /template". */
    Set<String> staffRoutes() {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes().forEach((UriRouteInfo<?, ?> r) -> {
            String path = r.getUriMatchTemplate().toPathString();
            // HEAD routes are the GET routes answered without a body: the same checks
            if (STAFF_PREFIXES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))
                    && !path.equals("/staff/login") && !r.getHttpMethodName().equals("HEAD")) {
                routes.add(r.getHttpMethodName() + " " + path);
            }
        });
        return routes;
    }

    @Test
    void everyStaffEndpointHasARow() {
        Set<String> declared = rows.stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> routes = staffRoutes();
        Set<String> stale = new TreeSet<>(declared);
        stale.removeAll(routes);
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(declared);
        assertThat(stale).as("rows without an endpoint (removed or renamed?)").isEmpty();
        assertThat(missing).as("endpoints without a row in the matrix: add one").isEmpty();
        assertThat(declared).hasSize(rows.size()); // no endpoint twice
    }

    @Test
    void everyRoleGetsExactlyTheAllowedSet() {
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            Set<String> ok = new TreeSet<>();
            Map<String, Integer> statuses = new TreeMap<>();
            for (String caller : CALLERS) {
                for (String schoolName : row.perSchool() ? SCHOOLS : List.of("")) {
                    String who = row.perSchool() ? caller + ":" + schoolName : caller;
                    boolean shouldPass = row.allowed().contains(who);
                    Call call = row.call().apply(this, row.perSchool() ? school.get(schoolName) : null);
                    String before = shouldPass ? null : tableSizes();
                    StaffAgent agent = agents.get(caller);
                    Http.Response r = send(agent, call);
                    statuses.put(who, r.status());
                    headerProblems(r).forEach(p -> problems.add(row.route() + " " + who + ": " + p));
                    boolean signedOut = row.route().equals("POST /staff/logout") && r.raw().headers().allValues("Set-Cookie")
                            .stream().anyMatch(c -> c.startsWith(Sessions.COOKIE + "=") && c.toLowerCase().contains("max-age=0"));
                    boolean toSignIn = r.status() == 303 && r.header("Location").startsWith("/staff/login") && !signedOut;
                    boolean hidden = HIDDEN.contains(row.route()) && r.status() == 404 && !caller.equals("ANONYMOUS");
                    boolean refused = r.status() == 401 || r.status() == 403 || toSignIn || hidden;
                    if (!refused && !(r.status() < 400 || VALIDATION.contains(r.status()))) {
                        // a 404/405/406/415 says nothing about access, and 5xx is never right: the probe must be mended
                        problems.add(row.route() + " " + who + ": answered " + r.status() + " " + r.body());
                    } else if (!refused) {
                        ok.add(who);
                    } else {
                        String expectedRefusal = caller.equals("ANONYMOUS") ? "401 or sign-in"
                                : HIDDEN.contains(row.route()) ? "404" : "403";
                        boolean right = caller.equals("ANONYMOUS") ? (r.status() == 401 || toSignIn)
                                : r.status() == (HIDDEN.contains(row.route()) ? 404 : 403);
                        if (!right) {
                            problems.add(row.route() + " " + who + ": refused with " + r.status() + ", not " + expectedRefusal);
                        }
                        if (before != null && !before.equals(tableSizes())) {
                            problems.add(row.route() + " " + who + ": refused but the database changed");
                        }
                    }
                    if (caller.equals("ANONYMOUS") || r.status() == 303 && toSignIn) {
                        agents.put("ANONYMOUS", new StaffAgent(http)); // no session may stick to the anonymous caller
                    }
                }
            }
            if (!ok.equals(new TreeSet<>(row.allowed()))) {
                problems.add(row.route() + ": allowed " + ok + ", expected " + new TreeSet<>(row.allowed()) + "; statuses " + statuses);
            }
            if (row.route().equals("POST /staff/logout")) {
                signInAgain();
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Every staff form (and every staff page with an id in its path), sent by an administrator with a
     * valid CSRF token but a broken request: each answer is a 4xx page in HTML (never a 5xx, never a
     * stack trace), and nothing is stored. Encoding-level breakage (bad percent escapes, invalid
     * UTF-8, a body over the size limit, a body of another type) must be refused whatever the form;
     * broken values (huge numbers, NUL, path traversal, markup) must be refused or harmlessly
     * accepted, and when refused they store nothing.
     */
    @Test
    void everyStaffFormRefusesMalformedInputWithAPage() {
        StaffAgent admin = agents.get("ADMIN");
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (Row row : rows) {
            if (row.route().equals("POST /staff/logout") || !row.route().matches("(GET|POST) /staff.*")) {
                continue;
            }
            Call base = row.call().apply(this, row.perSchool() ? school.get("own") : null);
            List<Call> broken = new ArrayList<>();
            if (base.kind().equals("FORM")) {
                String token = StaffAgent.form("csrfToken", admin.csrf);
                String fields = base.body().isEmpty() ? "x=1" : base.body();
                broken.add(raw(base, "application/x-www-form-urlencoded", token + "&" + fields + "&bad=%ZZ%E0%A4%A"));
                broken.add(raw(base, "application/x-www-form-urlencoded", token + "&" + fields.replaceAll("=[^&]*", "=%C3%28%FF")));
                broken.add(raw(base, "application/x-www-form-urlencoded", token + "&" + fields + "&pad=" + "я".repeat(300_000)));
                broken.add(raw(base, "application/json", "{\"csrfToken\": \"" + admin.csrf + "\"}"));
                broken.add(raw(base, "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"csrfToken\"\r\n\r\n"
                        + admin.csrf + "\r\n--x--"));
                for (String value : List.of("9".repeat(40), "-1", "%00", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E")) {
                    broken.add(new Call("POST", base.path(), "VALUE", token + "&" + fields.replaceAll("=[^&]*", "=" + value)));
                }
            }
            // ids in the path: not a number, too large for a long, traversal
            if (base.path().matches(".*/\\d+(/|$|\\?).*")) {
                for (String id : List.of("abc", "99999999999999999999999", "..%2F..%2Fetc", "-5", "1e3")) {
                    String path = base.path().replaceFirst("/\\d+(?=/|$|\\?)", "/" + id);
                    broken.add(base.kind().equals("FORM") ? new Call("POST", path, "ID", StaffAgent.form("csrfToken", admin.csrf)) : new Call("GET", path, "PAGE", null));
                }
            }
            broken.addAll(poisoned(row, StaffAgent.form("csrfToken", admin.csrf)));
            for (Call call : broken) {
                cases++;
                String before = tableSizes();
                Http.Response r = call.kind().equals("PAGE") ? admin.get(call.path())
                        : admin.send("POST", call.path(), Set.of("VALUE", "ID", "POISON").contains(call.kind()) ? "application/x-www-form-urlencoded" : call.kind(),
                        call.body(), "Accept", StaffAgent.HTML);
                String what = row.route() + " " + call.kind() + " " + abbreviate(call.path() + " " + call.body());
                boolean valueLevel = call.kind().equals("VALUE");
                if (r.status() >= 500) {
                    problems.add(what + ": " + r.status());
                } else if (r.status() >= 400) {
                    if (r.contentType() == null || !r.contentType().startsWith("text/html")) {
                        problems.add(what + ": " + r.status() + " as " + r.contentType() + ", not a page");
                    } else if (r.body().contains("Exception") || r.body().contains("at org.")) {
                        problems.add(what + ": the page shows internals");
                    }
                    if (!before.equals(tableSizes())) {
                        problems.add(what + ": refused but the database changed");
                    }
                } else if (!valueLevel) {
                    problems.add(what + ": accepted with " + r.status());
                }
            }
        }
        assertThat(cases).isGreaterThan(150);
        assertThat(problems).isEmpty();
    }

    /** Characters no name may hold, percent-encoded: NUL, tab, zero-width space, right-to-left override, byte-order mark. */
    static final List<String> HOSTILE_IN_NAMES = List.of("%00", "%09", "%E2%80%8B", "%E2%80%AE", "%EF%BB%BF");
    /** Moments no wave has: before 2000, after 2100, 5000 BC, a billion years on. */
    static final List<String> HOSTILE_MOMENTS = List.of("1999-12-31T23:00", "2101-06-01T10:00", "-5000-01-01T00:00",
            "%2B10000-01-01T00:00", "%2B1000000000-12-31T23:59");
    static final List<String> HOSTILE_DAYS = List.of("1999-12-31", "2101-01-01", "-5000-01-01", "%2B10000-01-01");

    /**
     * Complete forms of the routes that take names, dates or paper forms, each sent once per hostile value in one of
     * those fields (the others valid), so that the value itself reaches the check: every one must be refused with a
     * page, storing nothing.
     */
    List<Call> poisoned(Row row, String token) {
        String school = String.valueOf(this.school.get("own"));
        String[] pairs;
        Map<String, List<String>> hostile = new LinkedHashMap<>();
        String path;
        switch (row.route()) {
            case "POST /staff/schools", "POST /staff/schools/{id}" -> {
                path = row.route().endsWith("{id}") ? "/staff/schools/" + this.school.get("other") : "/staff/schools";
                pairs = new String[] {"name", "Школа поля", "municipality", "Тестовый район", "category", "OTHER"};
                hostile.put("name", HOSTILE_IN_NAMES);
                hostile.put("municipality", HOSTILE_IN_NAMES);
            }
            case "POST /staff/municipalities/rename" -> {
                path = "/staff/municipalities/rename";
                pairs = new String[] {"from", "Тестовый район", "to", "Переименованный район"};
                hostile.put("from", HOSTILE_IN_NAMES);
                hostile.put("to", HOSTILE_IN_NAMES);
            }
            case "POST /staff/waves" -> {
                path = "/staff/waves";
                pairs = new String[] {"name", "Волна поля", "kind", "ENTRY", "opensAt", "2026-05-01T09:00",
                    "closesAt", "2026-05-10T09:00", "questionnaires", "example"};
                hostile.put("name", HOSTILE_IN_NAMES);
                hostile.put("opensAt", HOSTILE_MOMENTS);
                hostile.put("closesAt", HOSTILE_MOMENTS);
            }
            case "POST /staff/waves/{id}/extend" -> {
                path = "/staff/waves/" + wave + "/extend";
                pairs = new String[] {"closesAt", "2040-01-01T10:00"};
                hostile.put("closesAt", HOSTILE_MOMENTS);
            }
            case "POST /staff/waves/{id}/codes" -> {
                path = "/staff/waves/" + wave + "/codes";
                pairs = new String[] {"schoolId", school, "questionnaire", "example", "groupLabel", "9В", "mode", "shared",
                    "maxUses", "25"};
                hostile.put("groupLabel", HOSTILE_IN_NAMES);
            }
            case "POST /staff/accounts", "POST /staff/accounts/{id}" -> {
                path = row.route().endsWith("{id}") ? "/staff/accounts/" + victim() : "/staff/accounts";
                pairs = new String[] {"login", "poisoned-" + round, "displayName", "Имя", "role", "DIRECTOR", "schools", school,
                    "password", "a poisoned form password"};
                hostile.put("displayName", HOSTILE_IN_NAMES);
            }
            case "POST /staff/waves/{waveId}/overview/results" -> {
                path = "/staff/waves/" + wave + "/overview/results";
                pairs = new String[] {"schoolId", school, "value", "61,5", "label", "ОГЭ"};
                hostile.put("label", HOSTILE_IN_NAMES);
            }
            case "POST /staff/focus-groups/codes" -> {
                path = "/staff/focus-groups/codes";
                pairs = new String[] {"code", "poisoned", "labelRu", "Тема", "labelEn", "Theme"};
                hostile.put("labelRu", HOSTILE_IN_NAMES);
                hostile.put("labelEn", HOSTILE_IN_NAMES);
            }
            case "POST /staff/focus-groups" -> {
                path = "/staff/focus-groups";
                pairs = new String[] {"school", school, "wave", String.valueOf(wave), "audience", "PARENT", "heldOn", "2026-10-02",
                    "moderator", "М. И.", "guide", "focus-parents", "pRole", "PARENT", "pGrade", "5", "pCount", "4"};
                hostile.put("moderator", HOSTILE_IN_NAMES);
                hostile.put("heldOn", HOSTILE_DAYS);
            }
            case "POST /staff/waves/{waveId}/schools/{schoolId}/import" -> {
                path = "/staff/waves/" + wave + "/schools/" + school + "/import";
                pairs = new String[] {"questionnaire", "example", "csv", "group_label,submitted_on,grade\r\n"};
                hostile.put("csv", java.util.stream.Stream.of("\"abc,7\r\n", "7\u0000А,,7\r\n", "7А\u200b,,7\r\n",
                        "\u202e7А,,7\r\n", "7А,-999999999-01-01,7\r\n", "7А,+999999999-12-31,7\r\n", "7А,1900-01-01,7\r\n",
                        "7А,2099-06-01,7\r\n").map(StaffAgent::enc).toList());
            }
            default -> {
                return List.of();
            }
        }
        List<Call> calls = new ArrayList<>();
        hostile.forEach((field, values) -> {
            // a date is replaced; a name or a file gets the hostile part added, so that it is not merely empty
            boolean replace = values == HOSTILE_MOMENTS || values == HOSTILE_DAYS;
            for (String value : values) {
                StringBuilder body = new StringBuilder(token);
                for (int i = 0; i < pairs.length; i += 2) {
                    boolean poisoned = pairs[i].equals(field);
                    body.append('&').append(StaffAgent.enc(pairs[i])).append('=')
                            .append(poisoned && replace ? "" : StaffAgent.enc(pairs[i + 1])).append(poisoned ? value : "");
                }
                calls.add(new Call("POST", path, "POISON", body.toString()));
            }
        });
        return calls;
    }

    private static Call raw(Call base, String contentType, String body) {
        return new Call("POST", base.path(), contentType, body);
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /** The security headers every answer carries, pages and refusals alike. */
    static List<String> headerProblems(Http.Response r) {
        List<String> problems = new ArrayList<>();
        String csp = r.header("Content-Security-Policy");
        if (csp == null || csp.contains("unsafe-inline") || !csp.contains("frame-ancestors 'none'")) {
            problems.add("Content-Security-Policy " + csp);
        }
        if (!"nosniff".equals(r.header("X-Content-Type-Options"))) {
            problems.add("X-Content-Type-Options " + r.header("X-Content-Type-Options"));
        }
        if (r.header("Referrer-Policy") == null) {
            problems.add("no Referrer-Policy");
        }
        return problems;
    }

    /** The logout row signs every caller out; the rows after it need them signed in again. */
    private void signInAgain() {
        agents.put("DIRECTOR", new StaffAgent(http).signedIn("dir-e" + round, PASSWORD));
        agents.put("PSYCHOLOGIST", new StaffAgent(http).signedIn("psy-e" + round, PASSWORD));
        agents.put("ADMIN", new StaffAgent(http).signedIn("admin-e" + round, PASSWORD));
    }
}
