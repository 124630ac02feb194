package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.programme.Indicators;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The teachers' professional needs questionnaire end to end (issue #22): its six readiness scales
 * scored per school like every construct, checked against a count made here; an area that fewer
 * than k teachers scored, and a school that fewer than k answered, withheld; the dashboard's "team
 * training needs" in both languages, the greatest need first and nothing under k; the risk factor
 * it feeds; its scales offered as a support measure's indicator.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamNeedsTest extends AppTest {

    static final String KEY = "teachers-needs";
    /** Each area's item prefix, construct, and how ready the first school's teachers are in it (chance of a favourable answer). */
    record Area(String prefix, String construct, double ready, String ru, String en, String training) {}

    static final List<Area> AREAS = List.of(
            new Area("assess", "readiness_assessment", 0.95, "Оценивание результатов учеников", "Assessing students’ learning",
                    "оцениванию"),
            new Area("motiv", "readiness_low_motivation", 0.6, "Работа с учениками с низкой мотивацией",
                    "Working with low-motivated students", "работе с учениками"),
            new Area("diff", "readiness_differentiation", 0.75, "Дифференциация обучения", "Differentiated teaching", "дифференциации"),
            new Area("manage", "readiness_classroom_management", 0.85, "Управление классом", "Classroom management", "управлению классом"),
            new Area("data", "readiness_data_use", 0.4, "Использование данных о результатах", "Using data on results",
                    "использованию данных"),
            new Area("parents", "readiness_parents", 0.1, "Работа с родителями", "Working with parents", "работе с родителями"));

    @Inject Accounts accounts;
    @Inject Indicators indicators;

    long wave;
    long ready;     // 10 teachers, the needs differ by area
    long partly;    // 5 teachers, one of whom skips the parents' area: that area has 4 scores
    long few;       // 4 teachers: held, nothing published
    /** Per school, per construct: keyed answers in the favourable points (3, 4) and all answers, counted here. */
    final Map<Long, Map<String, int[]>> counted = new LinkedHashMap<>();

    @BeforeAll
    void answer() {
        wave = fixture.openWave(KEY);
        ready = fixture.school("SHNRO");
        partly = fixture.school("SHRSSU");
        few = fixture.school("SHUVRO");
        Random random = new Random(2204);
        answerAll(ready, 10, random, -1);
        answerAll(partly, 5, random, 0);
        answerAll(few, 4, random, -1);
    }

    /** {@code teachers} answers; the one numbered {@code skipsParents} leaves the parents' area out. */
    private void answerAll(long school, int teachers, Random random, int skipsParents) {
        String code = fixture.codes(wave, school, KEY, "Педагоги", 1, 100).getFirst();
        Map<String, int[]> counts = counted.computeIfAbsent(school, s -> new LinkedHashMap<>());
        for (int t = 0; t < teachers; t++) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Area a : AREAS) {
                if (t == skipsParents && a.prefix().equals("parents")) {
                    continue;
                }
                for (int i = 1; i <= 4; i++) {
                    if (t == 1 && i == 2) {
                        continue; // a skipped item: the score rests on the other three
                    }
                    boolean favourable = random.nextDouble() < a.ready();
                    int keyed = favourable ? 3 + random.nextInt(2) : 1 + random.nextInt(2);
                    // the fourth statement of each area is worded against readiness ("I find it hard to …")
                    answers.put(a.prefix() + i, i == 4 ? 5 - keyed : keyed);
                    int[] c = counts.computeIfAbsent(a.construct(), x -> new int[2]);
                    c[0] += favourable ? 1 : 0;
                    c[1]++;
                }
            }
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", http.toJson(Map.of("answers", answers)),
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    double percent(long school, String construct) {
        int[] c = counted.get(school).get(construct);
        return 100.0 * c[0] / c[1];
    }

    JsonNode entry(JsonNode indices, String construct, long school) {
        for (JsonNode q : indices.get("questionnaires").values()) {
            if (!q.get("key").getStringValue().equals(KEY)) {
                continue;
            }
            for (JsonNode c : q.get("constructs").values()) {
                if (c.get("construct").getStringValue().equals(construct)) {
                    for (JsonNode s : c.get("schools").values()) {
                        if (s.get("schoolId") != null && s.get("schoolId").getLongValue() == school) {
                            return s;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no " + construct + " for school " + school);
    }

    @Test
    void everyAreaIsScoredPerSchoolAndWithheldUnderK() {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode indices = http.json(r);
        for (Area a : AREAS) {
            JsonNode s = entry(indices, a.construct(), ready);
            assertThat(s.get("suppressed").getBooleanValue()).isFalse();
            assertThat(s.get("n").getLongValue()).as(a.construct()).isEqualTo(10);
            assertThat(s.get("percentFavourable").getDoubleValue()).as(a.construct())
                    .isCloseTo(percent(ready, a.construct()), within(1e-9));
            JsonNode p = entry(indices, a.construct(), partly);
            if (a.prefix().equals("parents")) {
                // five answered, four scored it: withheld, not even its size
                assertThat(p.get("suppressed").getBooleanValue()).isTrue();
                assertThat(p.get("n")).isNull();
                assertThat(p.get("percentFavourable")).isNull();
            } else {
                assertThat(p.get("suppressed").getBooleanValue()).as(a.construct()).isFalse();
                assertThat(p.get("percentFavourable").getDoubleValue())
                        .isCloseTo(percent(partly, a.construct()), within(1e-9));
            }
            JsonNode f = entry(indices, a.construct(), few);
            assertThat(f.get("suppressed").getBooleanValue()).isTrue();
            assertThat(f.get("mean")).isNull();
        }
    }

    /** The areas of a school, greatest need (lowest readiness) first, by the count made here. */
    List<Area> byNeed(long school) {
        return AREAS.stream().sorted(Comparator.comparingDouble((Area a) -> percent(school, a.construct()))).toList();
    }

    String section(StaffAgent agent, long school, String lang) {
        Http.Response r = agent.get("/staff/waves/" + wave + "/schools/" + school + "/dashboard?lang=" + lang);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String page = r.body();
        assertThat(page).doesNotContain("??");
        int from = page.indexOf("id=\"team-needs\"");
        assertThat(from).as("the team needs section").isPositive();
        return page.substring(from, page.indexOf("</section>", from));
    }

    /** The answer sentence of a section. */
    static String answer(String section) {
        int from = section.indexOf(">", section.indexOf("id=\"team-needs-answer\"")) + 1;
        return section.substring(from, section.indexOf("</p>", from));
    }

    @Test
    void theDirectorReadsTheTeamsGreatestNeedsFirstInBothLanguages() {
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(ready));
        List<Area> order = byNeed(ready);
        // the parents' area is the least ready by design, far from the next
        assertThat(order.getFirst().prefix()).isEqualTo("parents");
        String ru = section(director, ready, "ru");
        assertThat(ru).contains("Потребности коллектива в обучении")
                .contains("Больше всего коллективу нужно обучение работе с родителями")
                .contains("●●● большая потребность");
        String en = section(director, ready, "en");
        assertThat(en).contains("Team training needs").contains("The team most needs training in working with parents")
                .contains("●●● great need");
        // the list and the table beneath: every area, in order of need, with its share of answers not ready
        for (String[] lang : List.of(new String[] {ru, "ru"}, new String[] {en, "en"})) {
            String html = lang[0];
            int at = 0;
            for (Area a : order) {
                String name = lang[1].equals("ru") ? a.ru() : a.en();
                int next = html.indexOf(name, at);
                assertThat(next).as(lang[1] + " " + name + " after the greater needs").isGreaterThanOrEqualTo(at);
                at = next;
            }
        }
        long need = 100 - Math.round(percent(ready, order.getFirst().construct()));
        assertThat(ru).contains("не готовы — " + need + " % ответов");
        assertThat(en).contains("not ready: " + need + "% of answers");
        // an area of small need is not named in the answer
        Area readiest = order.getLast();
        assertThat(percent(ready, readiest.construct())).isGreaterThanOrEqualTo(70);
        assertThat(answer(ru)).doesNotContain(readiest.training());
    }

    @Test
    void nothingIsShownForAnAreaOrASchoolUnderK() {
        String partlyRu = section(StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(partly)), partly, "ru");
        String parentsRow = partlyRu.substring(partlyRu.indexOf("Работа с родителями"));
        parentsRow = parentsRow.substring(0, parentsRow.indexOf("</li>"));
        assertThat(parentsRow).contains("меньше 5 ответов").doesNotContain("%");
        assertThat(answer(partlyRu)).startsWith("Больше всего коллективу нужно обучение").doesNotContain("работе с родителями");
        // the fewest: no figure in the answer, the list or the table (only the rule beneath names its cut points)
        for (String lang : List.of("ru", "en")) {
            String few = section(StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(this.few)), this.few, lang);
            assertThat(few).contains(lang.equals("ru") ? "заполнили меньше 5 педагогов" : "Fewer than 5 teachers answered");
            String figures = few.substring(0, few.indexOf("<details")) + few.substring(few.indexOf("<tbody>"));
            assertThat(figures).doesNotContain("%").doesNotContain("●").doesNotContainPattern("<td>[0-9]");
        }
    }

    @Test
    void aWaveWithoutTheModuleHasNoSection() {
        long other = fixture.openWave("teachers");
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(ready));
        Http.Response r = director.get("/staff/waves/" + other + "/schools/" + ready + "/dashboard");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("id=\"team-needs\"");
    }

    /** The risk profile on the same page: the least ready area gives the competence factor its level. */
    @Test
    void theNeedsFeedTheRiskFactorOfTeachersCompetence() {
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(ready));
        String page = director.get("/staff/waves/" + wave + "/schools/" + ready + "/dashboard").body();
        int from = page.indexOf("id=\"risk-weak_subject_competence\"");
        assertThat(from).isPositive();
        String factor = page.substring(from, page.indexOf("</li>", page.indexOf("risk-evidence", from)));
        assertThat(factor).contains("высокий риск"); // parents' readiness is far below 50 %
        String few = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(this.few))
                .get("/staff/waves/" + wave + "/schools/" + this.few + "/dashboard").body();
        int at = few.indexOf("id=\"risk-weak_subject_competence\"");
        assertThat(few.substring(at, few.indexOf("</h3>", at))).contains("недостаточно данных");
    }

    /** A support measure may target a needs area: the programme forms list the wave's constructs from here. */
    @Test
    void aNeedsAreaIsASupportMeasuresIndicator() {
        List<Indicators.ConstructChoice> choices = indicators.constructsOf(wave);
        List<String> values = new ArrayList<>(choices.stream().map(Indicators.ConstructChoice::value).toList());
        assertThat(values).containsAll(AREAS.stream().map(a -> KEY + "/" + a.construct()).toList());
        assertThat(indicators.find(wave, KEY, "readiness_parents").orElseThrow().label("ru"))
                .isEqualTo("Готовность к работе с родителями (Профессиональные потребности педагогов)");
        assertThat(indicators.baseline(wave, ready, KEY, "readiness_parents")).isNotNull();
        assertThat(indicators.baseline(wave, partly, KEY, "readiness_parents")).isNull();
        assertThat(indicators.baseline(wave, few, KEY, "readiness_data_use")).isNull();
    }
}
