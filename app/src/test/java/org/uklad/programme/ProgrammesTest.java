package org.uklad.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAuthentication;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.Owner;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.programme.ProgrammeRecords.Status;
import org.uklad.programme.Programmes.MeasureInput;
import org.uklad.programme.Programmes.NewProgramme;
import org.uklad.programme.Programmes.NoteInput;
import org.uklad.support.AppTest;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The rules of support programmes at the service: who may create, read, change and note (each role,
 * each school of the pair and a school outside it), what is refused as a field error, the baseline
 * taken from published answers (checked against a count by hand) and withheld below k, and the road
 * map's order and CSV.
 */
@MicronautTest(transactional = false)
class ProgrammesTest extends AppTest {

    static final AtomicInteger LOGINS = new AtomicInteger();

    @Inject Programmes programmes;
    @Inject Roadmap roadmap;
    @Inject Accounts accounts;

    long supported;
    long mentor;
    long other;
    long wave;
    Authentication admin;
    Authentication psySupported;
    Authentication psyMentor;
    Authentication psyOther;
    Authentication dirSupported;
    Authentication dirMentor;

    Authentication as(Role role, long... schools) {
        List<Long> ids = java.util.Arrays.stream(schools).boxed().toList();
        var account = accounts.create("prog-" + role.name().toLowerCase() + LOGINS.incrementAndGet(), "Тест", role, ids,
                "programme test password", false);
        return StaffAuthentication.of(account, ids);
    }

    @BeforeEach
    void setUp() {
        supported = fixture.school("SHNRO");
        mentor = fixture.school("SHUVRO");
        other = fixture.school("OTHER");
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported))).status()).isEqualTo(201);
        wave = fixture.openWave("example");
        admin = as(Role.ADMIN);
        psySupported = as(Role.PSYCHOLOGIST, supported);
        psyMentor = as(Role.PSYCHOLOGIST, mentor);
        psyOther = as(Role.PSYCHOLOGIST, other);
        dirSupported = as(Role.DIRECTOR, supported);
        dirMentor = as(Role.DIRECTOR, mentor);
    }

    Programme pairProgramme() {
        return programmes.create(admin, new NewProgramme(supported, mentor, "Программа", "Цели", List.of("low_learning_motivation"), wave));
    }

    static MeasureInput construct(String title, Owner owner, LocalDate starts, LocalDate due, Status status) {
        return new MeasureInput(title, owner, "low_learning_motivation", IndicatorKind.CONSTRUCT, "example", "comfort", null, null, null,
                null, 70.0, starts, due, status);
    }

    static MeasureInput measure(Owner owner) {
        return construct("Мероприятие " + owner, owner, LocalDate.now(), LocalDate.now().plusMonths(2), null);
    }

    static ErrorCode refusal(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.code();
        }
        return null;
    }

    static Map<String, String> fieldErrors(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            return e.fieldErrors().stream().collect(Collectors.toMap(FieldError::field, FieldError::code, (a, b) -> a));
        }
        throw new AssertionError("not refused");
    }

    @Test
    void onlyTheCoordinatorCreates() {
        for (Authentication who : List.of(psySupported, psyMentor, dirSupported)) {
            assertThat(refusal(() -> programmes.create(who, new NewProgramme(supported, mentor, "П", "", List.of(), wave))))
                    .isEqualTo(ErrorCode.FORBIDDEN);
        }
        Programme p = pairProgramme();
        assertThat(p.id()).isNotNull();
        assertThat(p.riskList()).containsExactly("low_learning_motivation");
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PROGRAMME_CREATED' AND target = ?",
                "school " + supported)).isEqualTo(1);
    }

    @Test
    void psychologistsOfEitherSchoolEditDirectorsReadAndOthersNothing() {
        Programme p = pairProgramme();
        long id = p.id();
        // read
        for (Authentication who : List.of(admin, psySupported, psyMentor, dirSupported, dirMentor)) {
            assertThat(programmes.detail(who, id).programme().id()).isEqualTo(id);
            assertThat(programmes.list(who, null)).extracting(Programme::id).contains(id);
        }
        assertThat(refusal(() -> programmes.detail(psyOther, id))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(programmes.list(psyOther, null)).extracting(Programme::id).doesNotContain(id);
        // edit
        Measure bySupported = programmes.addMeasure(psySupported, id, measure(Owner.SUPPORTED_SCHOOL));
        Measure byMentor = programmes.addMeasure(psyMentor, id, measure(Owner.MENTOR_SCHOOL));
        Measure byMunicipality = programmes.addMeasure(admin, id, measure(Owner.MUNICIPALITY));
        for (Authentication who : List.of(dirSupported, dirMentor, psyOther)) {
            assertThat(refusal(() -> programmes.addMeasure(who, id, measure(Owner.SUPPORTED_SCHOOL)))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(refusal(() -> programmes.changeStatus(who, id, bySupported.id(), Status.DONE))).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(refusal(() -> programmes.updateMeasure(who, id, bySupported.id(), measure(Owner.SUPPORTED_SCHOOL))))
                    .isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(refusal(() -> programmes.update(who, id, new Programmes.ProgrammeChange("Другое", "", List.of(), wave))))
                    .isEqualTo(ErrorCode.FORBIDDEN);
        }
        assertThat(programmes.changeStatus(psyMentor, id, bySupported.id(), Status.IN_PROGRESS).status()).isEqualTo(Status.IN_PROGRESS);
        // notes: a director on the measures their school carries out only; the municipality's: the coordinator
        NoteInput note = new NoteInput(LocalDate.now(), "Сделано");
        assertThat(programmes.addNote(dirSupported, id, bySupported.id(), note).authorRole()).isEqualTo("DIRECTOR");
        assertThat(refusal(() -> programmes.addNote(dirSupported, id, byMentor.id(), note))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(programmes.addNote(dirMentor, id, byMentor.id(), note).authorSchoolId()).isEqualTo(mentor);
        assertThat(refusal(() -> programmes.addNote(dirMentor, id, bySupported.id(), note))).isEqualTo(ErrorCode.FORBIDDEN);
        for (Authentication who : List.of(dirSupported, dirMentor, psyOther)) {
            assertThat(refusal(() -> programmes.addNote(who, id, byMunicipality.id(), note))).isEqualTo(ErrorCode.FORBIDDEN);
        }
        assertThat(programmes.addNote(admin, id, byMunicipality.id(), note).authorRole()).isEqualTo("ADMIN");
        assertThat(programmes.addNote(psySupported, id, byMentor.id(), note).authorSchoolId()).isEqualTo(supported);
        // what each reader is told they may do
        Programmes.Detail asDirector = programmes.detail(dirSupported, id);
        assertThat(asDirector.mayEdit()).isFalse();
        assertThat(asDirector.measures()).extracting(m -> m.measure().owner() + "=" + m.mayNote())
                .containsExactlyInAnyOrder("SUPPORTED_SCHOOL=true", "MENTOR_SCHOOL=false", "MUNICIPALITY=false");
        assertThat(programmes.detail(psyMentor, id).mayEdit()).isTrue();
        // a measure of another programme is not found through this one
        Programme second = programmes.create(admin, new NewProgramme(other, null, "Другая", "", List.of(), wave));
        assertThat(refusal(() -> programmes.changeStatus(admin, second.id(), bySupported.id(), Status.DONE)))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'MEASURE_NOTE_ADDED' AND target = ?",
                "school " + supported)).isEqualTo(4);
    }

    @Test
    void badFieldsAreRefusedOneByOne() {
        assertThat(fieldErrors(() -> programmes.create(admin, new NewProgramme(999_999_999L, null, "П", "", List.of(), wave))))
                .containsEntry("supportedSchoolId", "unknown-reference");
        assertThat(fieldErrors(() -> programmes.create(admin, new NewProgramme(supported, other, "П", "", List.of(), wave))))
                .containsEntry("mentorSchoolId", "not-a-partnership");
        assertThat(fieldErrors(() -> programmes.create(admin, new NewProgramme(mentor, supported, "П", "", List.of(), wave))))
                .containsEntry("mentorSchoolId", "not-a-partnership");   // the pair the wrong way round
        assertThat(fieldErrors(() -> programmes.create(admin, new NewProgramme(supported, null, "П", "", List.of(), wave))))
                .containsEntry("mentorSchoolId", "required");             // it has a mentor: the pair, not the school alone
        assertThat(fieldErrors(() -> programmes.create(admin, new NewProgramme(other, null, " ", "", List.of("Low Motivation"),
                999_999_999L)))).containsEntry("title", "length").containsEntry("risks", "unknown-reference")
                .containsEntry("baselineWaveId", "unknown-reference");
        long id = pairProgramme().id();
        LocalDate today = LocalDate.now();
        assertThat(fieldErrors(() -> programmes.addMeasure(admin, id, construct("М", Owner.SUPPORTED_SCHOOL, today,
                today.minusDays(1), null)))).containsEntry("dueOn", "not-after");
        assertThat(fieldErrors(() -> programmes.addMeasure(admin, id, construct("М", Owner.SUPPORTED_SCHOOL, null,
                LocalDate.of(1999, 1, 1), null)))).containsEntry("startsOn", "invalid-date").containsEntry("dueOn", "range");
        assertThat(fieldErrors(() -> programmes.addMeasure(admin, id, new MeasureInput("М", Owner.SUPPORTED_SCHOOL, null,
                IndicatorKind.CONSTRUCT, "example", "leadership", null, null, null, null, null, today, today, null))))
                .containsEntry("indicator", "unknown-reference");
        assertThat(fieldErrors(() -> programmes.addMeasure(admin, id, new MeasureInput("М", Owner.SUPPORTED_SCHOOL, null,
                IndicatorKind.CONSTRUCT, "teachers", "comfort", null, null, null, null, null, today, today, null))))
                .containsEntry("indicator", "unknown-reference");         // a questionnaire the wave does not ask
        assertThat(fieldErrors(() -> programmes.addMeasure(admin, id, new MeasureInput("М", null, "Риск!",
                IndicatorKind.EXTERNAL, null, null, "", "математика", null, 1e9, null, today, today, null))))
                .containsEntry("owner", "required").containsEntry("riskFactor", "unknown-reference")
                .containsEntry("assessment", "length").containsEntry("baselineValue", "range");
        long alone = programmes.create(admin, new NewProgramme(other, null, "Одна", "", List.of(), null)).id();
        assertThat(fieldErrors(() -> programmes.addMeasure(admin, alone, measure(Owner.MENTOR_SCHOOL))))
                .containsEntry("owner", "not-an-option").containsEntry("baselineWaveId", "required");
        assertThat(fieldErrors(() -> programmes.addNote(admin, id, programmes.addMeasure(admin, id, measure(Owner.MUNICIPALITY)).id(),
                new NoteInput(LocalDate.now().plusDays(5), " ")))).containsEntry("notedOn", "range").containsEntry("body", "required");
        assertThat(db.count("SELECT count(*) FROM programme_measure WHERE programme_id = ?", id)).isEqualTo(1);
    }

    @Test
    void theBaselineIsTheSchoolsPublishedScoreAndNothingBelowK() {
        Integer[][] rows = {{4, 1, 4, 3}, {3, 2, 2, 2}, {4, 1, 3, 4}, {2, 3, 1, 2}, {3, 1, 4, 4}};
        fixture.exampleAnswers(wave, supported, rows);
        fixture.exampleAnswers(wave, mentor, new Integer[][] {{4, 1, 4, 4}, {4, 1, 4, 4}, {4, 1, 4, 4}, {4, 1, 4, 4}});
        // by hand: each person's mean of com1, com2 on 1..4 as 0..100, then the mean over people
        double expected = java.util.Arrays.stream(rows).mapToDouble(r -> ((r[2] + r[3]) / 2.0 - 1) / 3 * 100).average().orElseThrow();
        long id = pairProgramme().id();
        Measure m = programmes.addMeasure(psySupported, id, measure(Owner.SUPPORTED_SCHOOL));
        assertThat(m.baselineValue()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(m.baselineWaveId()).isEqualTo(wave);
        // an external result keeps the figure given; a construct ignores one sent
        Measure external = programmes.addMeasure(admin, id, new MeasureInput("ОГЭ", Owner.MUNICIPALITY, null, IndicatorKind.EXTERNAL,
                null, null, "ОГЭ", "математика", null, 3.4, 3.8, LocalDate.now(), LocalDate.now(), null));
        assertThat(external.baselineValue()).isEqualTo(3.4);
        // the mentor school has 4 answers, under k = 5: its programme's baseline is empty, never a figure
        long mentorsOwn = programmes.create(admin, new NewProgramme(mentor, null, "Наставник", "", List.of(), wave)).id();
        MeasureInput sent = new MeasureInput("М", Owner.SUPPORTED_SCHOOL, null, IndicatorKind.CONSTRUCT, "example", "comfort",
                null, null, null, 55.0, null, LocalDate.now(), LocalDate.now(), null);
        assertThat(programmes.addMeasure(admin, mentorsOwn, sent).baselineValue()).isNull();
    }

    @Test
    void theRoadMapPutsOverdueMeasuresFirstAndItsCsvIsSafeInASpreadsheet() {
        long id = pairProgramme().id();
        LocalDate today = LocalDate.now();
        programmes.addMeasure(admin, id, construct("Будущее", Owner.SUPPORTED_SCHOOL, today, today.plusDays(30), Status.PLANNED));
        programmes.addMeasure(admin, id, construct("Выполнено в срок", Owner.SUPPORTED_SCHOOL, today.minusDays(60),
                today.minusDays(40), Status.DONE));
        programmes.addMeasure(admin, id, construct("=HYPERLINK(\"x\")", Owner.MENTOR_SCHOOL, today.minusDays(60),
                today.minusDays(5), Status.IN_PROGRESS));
        programmes.addMeasure(admin, id, construct("Давно просрочено", Owner.MUNICIPALITY, today.minusDays(90),
                today.minusDays(20), Status.PLANNED));
        programmes.addMeasure(admin, id, construct("Отменено", Owner.MUNICIPALITY, today.minusDays(90), today.minusDays(30),
                Status.DROPPED));
        List<Roadmap.Row> rows = roadmap.rows(psySupported, null, today).stream().filter(r -> r.programme().id() == id).toList();
        assertThat(rows).extracting(r -> r.measure().title() + (r.overdue() ? " !" : "")).containsExactly(
                "Давно просрочено !", "=HYPERLINK(\"x\") !", "Выполнено в срок", "Отменено", "Будущее");
        assertThat(roadmap.rows(psyOther, null, today)).noneMatch(r -> r.programme().id() == id);
        assertThat(roadmap.rows(admin, "Нет такого района", today)).isEmpty();
        String csv = roadmap.csv(rows);
        assertThat(csv).startsWith("\uFEFFmunicipality,supported_school,mentor_school,programme_id,programme,measure_id,measure,");
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).contains(",Давно просрочено,MUNICIPALITY,low_learning_motivation,example/comfort,,70.0,")
                .endsWith(",PLANNED,true");
        assertThat(lines[2]).contains(",\"'=HYPERLINK(\"\"x\"\")\",MENTOR_SCHOOL,").endsWith(",IN_PROGRESS,true");
        assertThat(lines[5]).endsWith("," + today.plusDays(30) + ",PLANNED,false");
    }
}
