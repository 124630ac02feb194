package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The requirements of the instruments issue that the format alone does not enforce. */
class ContentTest {

    static final Map<String, Integer> MAX_ITEMS = Map.of(
            "students-5-11", 40, "students-2-4", 15, "parents", 35, "teachers", 60, "teachers-needs", 30);
    static final Map<String, Respondent> RESPONDENTS = Map.of(
            "students-5-11", Respondent.STUDENT, "students-2-4", Respondent.STUDENT,
            "parents", Respondent.PARENT, "teachers", Respondent.TEACHER, "teachers-needs", Respondent.TEACHER);

    static Questionnaire q(String key) {
        return Instruments.bundledQuestionnaire(key);
    }

    static List<Questionnaire> instruments() {
        return Instruments.bundledParsed().stream().filter(x -> MAX_ITEMS.containsKey(x.key())).toList();
    }

    @Test
    void theInstrumentsExistWithinTheirLength() {
        assertEquals(MAX_ITEMS.keySet(), instruments().stream().map(Questionnaire::key).collect(Collectors.toSet()));
        for (Questionnaire x : instruments()) {
            assertTrue(x.items().size() <= MAX_ITEMS.get(x.key()), x.key() + " has " + x.items().size() + " items");
            assertEquals(RESPONDENTS.get(x.key()), x.respondent(), x.key());
            assertNotNull(x.minutes(), x.key());
        }
        assertTrue(q("students-5-11").minutes() <= 12);
    }

    @Test
    void everyIntroStatesAnonymityDurationAndSkipping() {
        for (Questionnaire x : Instruments.bundledParsed()) {
            String ru = x.intro().ru().toLowerCase(Locale.ROOT);
            String en = x.intro().en().toLowerCase(Locale.ROOT);
            String m = String.valueOf(x.minutes());
            assertTrue(ru.contains("аноним") && en.contains("anonymous"), x.key() + ": anonymity");
            assertTrue(ru.contains(m + " минут") && en.contains(m + " minutes"), x.key() + ": duration");
            assertTrue(ru.contains("пропуст") && en.contains("skip"), x.key() + ": skipping allowed");
        }
    }

    @Test
    void everyInstrumentEndsWithAnOptionalFreeTextQuestion() {
        for (Questionnaire x : Instruments.bundledParsed()) {
            Item last = x.items().getLast();
            assertEquals(ItemType.TEXT, last.type(), x.key());
            assertFalse(last.required(), x.key());
            assertTrue(x.items().stream().filter(Item::required).allMatch(i -> i.type() == ItemType.NUMBER),
                    x.key() + ": only routing items may be required");
        }
    }

    @Test
    void levelScalesHaveFourItemsAndAReverseKey() {
        for (Questionnaire x : instruments()) {
            for (Map.Entry<Construct, List<Item>> e : SimulationTest.keyedScales(x).entrySet()) {
                if (e.getKey().index() != IndexKind.LEVEL) {
                    continue;
                }
                String name = x.key() + "/" + e.getKey().id();
                assertTrue(e.getValue().size() >= 4, name + " has fewer than 4 items");
                assertTrue(e.getValue().stream().anyMatch(Item::reverse), name + " has no reverse-keyed item");
                assertTrue(e.getValue().stream().filter(i -> !i.reverse()).count() >= e.getValue().size() / 2,
                        name + ": most items keyed positively");
                assertEquals(1, e.getValue().stream().map(Item::scale).distinct().count(), name + ": one scale");
            }
        }
    }

    @Test
    void constructsMatchTheDesign() {
        Map<String, Set<String>> expected = Map.of(
                "students-5-11", Set.of("teacher_demandingness", "awareness_of_requirements", "comfort", "engagement"),
                "students-2-4", Set.of("teacher_demandingness", "awareness_of_requirements", "comfort"),
                "parents", Set.of("teacher_demandingness", "awareness_of_requirements", "comfort", "family_partnership",
                        "family_context"),
                "teachers", Set.of("shared_values", "real_vs_ideal", "leadership", "results_orientation",
                        "professional_demandingness", "teacher_comfort"),
                "teachers-needs", Set.of("readiness_assessment", "readiness_low_motivation", "readiness_differentiation",
                        "readiness_classroom_management", "readiness_data_use", "readiness_parents"));
        Catalogue catalogue = Instruments.bundledCatalogue();
        Set<String> used = new TreeSet<>();
        for (Questionnaire x : instruments()) {
            assertEquals(expected.get(x.key()), x.constructs().keySet(), x.key());
            used.addAll(x.constructs().keySet());
            x.constructs().values().forEach(c -> assertEquals(catalogue.constructs().get(c.id()), c,
                    "instruments use the catalogue's constructs"));
        }
        assertEquals(new TreeSet<>(catalogue.constructs().keySet()), used, "every catalogue construct is measured");
        catalogue.constructs().values().forEach(c -> assertNotNull(c.definition(), c.id() + " has a definition"));
    }

    @Test
    void shortFormSmilesOnlyOnTheGoodAnswer() {
        Questionnaire young = q("students-2-4");
        List<String> buttons = new ArrayList<>();
        for (Item i : young.items()) {
            if (i.type() == ItemType.LIKERT) {
                ResponseScale drawn = young.scaleOf(i);
                assertEquals(3, drawn.points().size(), i.id());
                assertEquals("faces3", i.scale(), i.id() + ": one scale, so every construct is scored");
                if (drawn.display().equals("faces")) {
                    assertTrue(i.construct() != null && !i.reverse(), i.id() + ": a smile must be the good answer");
                } else {
                    buttons.add(i.id());
                }
            }
            assertTrue(i.text().ru().length() <= 60, i.id() + ": short, plain sentence");
        }
        assertEquals(List.of("dem4", "aw3", "com5"), buttons,
                "the reverse-keyed items (\"На уроке можно ничего не делать\", \"Другие дети меня обижают\") as words");
        assertTrue(young.items().stream().filter(i -> i.type() == ItemType.LIKERT)
                .filter(i -> young.scaleOf(i).display().equals("faces")).count() >= 8, "mostly faces");
    }

    static final Pattern QUOTED_RU = Pattern.compile("«([^»]+)»");
    static final Pattern QUOTED_EN = Pattern.compile("\"([^\"]+)\"");

    @Test
    void theShortFormsIntroNamesTheAnswersInTheOrderOfTheButtons() {
        Questionnaire young = q("students-2-4");
        ResponseScale scale = young.scales().get("faces3");
        assertEquals(scale.points().stream().map(p -> p.label().ru()).toList(),
                QUOTED_RU.matcher(young.intro().ru()).results().map(m -> m.group(1)).toList());
        assertEquals(scale.points().stream().map(p -> p.label().en()).toList(),
                QUOTED_EN.matcher(young.intro().en()).results().map(m -> m.group(1)).toList());
    }

    /** Words a boy would say of himself and a girl would not (past tense, short adjectives). */
    static final Pattern MASCULINE_PAST = Pattern.compile("(?iu)(?<!\\p{L})\\p{L}{2,}[аеёиоуыяю]л(ся)?(?!\\p{L})");
    static final Pattern MASCULINE_SHORT = Pattern.compile("(?iu)(?<!\\p{L})(согласен|готов|уверен|рад|доволен|должен"
            + "|виноват|обязан|способен|счастлив|спокоен)(?!\\p{L})");
    static final Pattern RESPONDENT = Pattern.compile("(?iu)(?<!\\p{L})(я|ты)(?!\\p{L})");
    static final Pattern CLAUSE_END = Pattern.compile("[.,;:!?()«»\"—–]");
    static final Pattern BRACKETED_ENDING = Pattern.compile("(?u)\\p{L}\\((а|ла|на|ая|ой|ы)\\)");
    static final Pattern FORMAL_YOU = Pattern.compile("(?iu)(?<!\\p{L})(вы|вас|вам|вами|ваш\\p{L}*)(?!\\p{L})");
    static final Pattern INFORMAL_YOU = Pattern.compile("(?iu)(?<!\\p{L})(ты|тебя|тебе|тобой|тво\\p{L}+)(?!\\p{L})");

    /** Every Russian text a respondent reads in a questionnaire, with where it is. */
    static Map<String, String> russianTexts(Questionnaire x) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("title", x.title().ru());
        out.put("intro", x.intro().ru());
        x.scales().values().forEach(s -> s.points().forEach(p -> out.put("scale " + s.id() + "/" + p.value(),
                p.label().ru())));
        for (Section s : x.sections()) {
            if (s.title() != null) {
                out.put("section " + s.id(), s.title().ru());
            }
            for (Item i : s.items()) {
                out.put(i.id(), i.text().ru());
                if (i.help() != null) {
                    out.put(i.id() + " help", i.help().ru());
                }
                i.options().forEach(o -> out.put(i.id() + "/" + o.value(), o.label().ru()));
                if (i.support() != null) {
                    out.put(i.id() + " support", i.support().text().ru());
                }
            }
        }
        return out;
    }

    /** The masculine-only words a text uses of its respondent: past tense in a clause with я/ты, short adjectives. */
    static List<String> masculineOnly(String text) {
        List<String> found = new ArrayList<>();
        for (String clause : CLAUSE_END.split(text)) {
            if (RESPONDENT.matcher(clause).find()) {
                MASCULINE_PAST.matcher(clause).results().forEach(m -> found.add(m.group()));
            }
        }
        MASCULINE_SHORT.matcher(text).results().forEach(m -> found.add(m.group()));
        BRACKETED_ENDING.matcher(text).results().forEach(m -> found.add(m.group()));
        return found;
    }

    @Test
    void theWordingCheckFindsWhatTheIssueFound() {
        assertEquals(List.of("старался"), masculineOnly("Учитель хочет, чтобы я старался."));
        assertEquals(List.of("сделал"), masculineOnly("Если я сделал плохо, учитель просит сделать ещё раз."));
        assertEquals(List.of("ответил"), masculineOnly("никто не узнает, что ответил именно ты."));
        assertEquals(List.of("согласен"), masculineOnly("Полностью согласен"));
        assertEquals(List.of("хотел", "л(а)"), masculineOnly("Что бы ты хотел(а) поменять?"));
        assertEquals(List.of(), masculineOnly("Учитель проверил работу. Мне нравится в школе."), "not of the respondent");
        assertTrue(FORMAL_YOU.matcher("ваши ответы").find() && !FORMAL_YOU.matcher("выполнять задание").find());
    }

    @Test
    void childrensFormsSayTyAndFitAGirlAsWellAsABoy() {
        List<String> bad = new ArrayList<>();
        for (String key : List.of("students-2-4", "students-5-11")) {
            russianTexts(q(key)).forEach((where, text) -> {
                masculineOnly(text).forEach(w -> bad.add(key + " " + where + ": masculine only '" + w + "'"));
                FORMAL_YOU.matcher(text).results().forEach(m -> bad.add(key + " " + where + ": '" + m.group()
                        + "' to a child (say ты)"));
            });
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void adultFormsSayVyWithoutBracketedEndings() {
        List<String> bad = new ArrayList<>();
        for (String key : List.of("parents", "teachers", "teachers-needs")) {
            russianTexts(q(key)).forEach((where, text) -> {
                BRACKETED_ENDING.matcher(text).results().forEach(m -> bad.add(key + " " + where + ": '" + m.group()
                        + "' (rephrase instead)"));
                INFORMAL_YOU.matcher(text).results().forEach(m -> bad.add(key + " " + where + ": '" + m.group()
                        + "' to an adult (say вы)"));
            });
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void theBullyingItemsOfTheStudentsFormsOfferTheChildrensHelpline() {
        Map<String, Map<String, List<String>>> shownAfter = Map.of(
                "students-2-4", Map.of("com5", List.of("2", "3")),
                "students-5-11", Map.of("com12", List.of("3", "4"), "bullied", List.of("once_twice", "several", "weekly")));
        shownAfter.forEach((key, items) -> items.forEach((id, answers) -> {
            Item item = q(key).item(id).orElseThrow();
            Support support = item.support();
            assertNotNull(support, key + "/" + id);
            assertEquals(answers, support.anyOf(), key + "/" + id + ": shown after being hurt, not after 'no'");
            String ru = support.text().ru();
            String en = support.text().en();
            assertTrue(ru.contains("8-800-2000-122") && en.contains("8-800-2000-122"), key + "/" + id);
            assertTrue(ru.contains("бесплатно") && en.contains("free"), key + "/" + id + ": free");
            assertTrue(ru.matches("(?s).*(анонимно|имя называть не нужно).*")
                    && en.matches("(?s).*(anonymous|say your name).*"), key + "/" + id + ": anonymous");
            assertTrue(ru.contains("взрослому, которому") && ru.contains("доверяешь") && en.contains("an adult you trust"),
                    key + "/" + id + ": tell an adult you trust");
        }));
    }

    @Test
    void parentContextBlock() {
        Questionnaire parents = q("parents");
        Section context = parents.sections().stream().filter(s -> s.id().equals("context")).findFirst().orElseThrow();
        Set<String> topics = new TreeSet<>();
        for (Item i : context.items()) {
            assertTrue(i.type() == ItemType.SINGLE || i.type() == ItemType.MULTIPLE, i.id());
            assertTrue(i.options().stream().anyMatch(o -> o.exclusive() && o.label().en().toLowerCase(Locale.ROOT)
                    .contains("prefer not to say")), i.id() + " needs an exclusive 'prefer not to say'");
            topics.add(i.id());
        }
        assertEquals(Set.of("ctx_education", "ctx_books", "ctx_employment", "ctx_family", "ctx_language"), topics);
        List<Item> coded = parents.items().stream().filter(i -> "family_context".equals(i.construct())).toList();
        assertEquals(List.of("ctx_education", "ctx_books", "ctx_employment"), coded.stream().map(Item::id).toList());
        assertTrue(context.items().containsAll(coded), "coded context items sit in the context block");
        assertTrue(parents.items().stream().filter(i -> i.construct() != null && !context.items().contains(i))
                .noneMatch(i -> i.construct().equals("family_context")));
    }

    @Test
    void teacherValuesAndRealVsIdeal() {
        Questionnaire t = q("teachers");
        List<Item> values = t.items().stream().filter(i -> "shared_values".equals(i.construct())).toList();
        assertTrue(values.size() >= 8 && values.size() <= 12, "about 10 value statements");
        assertTrue(values.stream().allMatch(i -> i.scale().equals("importance5")));
        List<Item> gap = t.items().stream().filter(i -> "real_vs_ideal".equals(i.construct())).toList();
        long pairs = gap.stream().map(Item::gapPair).distinct().count();
        assertTrue(pairs >= 6 && pairs <= 10, "6-10 real-vs-ideal statements");
        for (Item now : gap.stream().filter(i -> i.gapSide() == GapSide.NOW).toList()) {
            Item ideal = gap.stream().filter(i -> i.gapSide() == GapSide.IDEAL && i.gapPair().equals(now.gapPair()))
                    .findFirst().orElseThrow();
            assertEquals(now.text(), ideal.text(), "the same statement rated twice: " + now.gapPair());
        }
    }

    static final Pattern NEGATION = Pattern.compile("(?iu)(?<![\\p{L}])(не|нет|ни)(?![\\p{L}])");
    static final Pattern EN_NEGATION = Pattern.compile("(?i)\\b(not|no|never|nobody|nothing)\\b|n't");

    @Test
    void itemsAreShortBilingualAndFreeOfDoubleNegatives() {
        List<String> bad = new ArrayList<>();
        for (Questionnaire x : instruments()) {
            for (Item i : x.items()) {
                String ru = i.text().ru();
                String en = i.text().en();
                if (!ru.matches("(?s).*[А-Яа-яЁё].*")) {
                    bad.add(x.key() + "/" + i.id() + ": ru text is not Russian");
                }
                if (en.matches("(?s).*[А-Яа-яЁё].*")) {
                    bad.add(x.key() + "/" + i.id() + ": en text has Cyrillic");
                }
                if (i.type() == ItemType.LIKERT && ru.length() > 100) {
                    bad.add(x.key() + "/" + i.id() + ": too long (" + ru.length() + ")");
                }
                if (i.type() == ItemType.LIKERT && NEGATION.matcher(ru).results().count() > 1) {
                    bad.add(x.key() + "/" + i.id() + ": double negative in ru");
                }
                if (i.type() == ItemType.LIKERT && EN_NEGATION.matcher(en).results().count() > 1) {
                    bad.add(x.key() + "/" + i.id() + ": double negative in en");
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void guidesCoverTheThreeThemesOfSeed000() throws QuestionnaireException {
        Catalogue catalogue = Instruments.bundledCatalogue();
        Set<Respondent> who = new TreeSet<>();
        for (SourceFile f : Instruments.bundledGuides()) {
            FocusGroupGuide g = GuideParser.parse(f, catalogue);
            who.add(g.respondent());
            assertEquals(60, g.minutes(), g.key());
            assertEquals(List.of("teacher_demandingness", "awareness_of_requirements", "comfort"),
                    g.themes().stream().map(GuideBlock::construct).toList(), g.key());
            assertEquals(GuideBlock.Kind.OPENING, g.blocks().getFirst().kind());
            assertEquals(GuideBlock.Kind.CLOSING, g.blocks().getLast().kind());
            for (GuideBlock theme : g.themes()) {
                assertTrue(theme.questions().size() >= 3, g.key() + "/" + theme.id() + ": at least 3 questions");
                assertTrue(theme.questions().stream().allMatch(q -> !q.probes().isEmpty()),
                        g.key() + "/" + theme.id() + ": every theme question has probes");
            }
            String intro = g.intro().ru().toLowerCase(Locale.ROOT);
            assertTrue(intro.matches("(?s).*(имен|имён|фамили).*") && intro.contains("запис"),
                    g.key() + ": names and recording explained");
        }
        assertEquals(Set.of(Respondent.STUDENT, Respondent.PARENT), who);
    }

    @Test
    void theCodebookCoversEveryConstructAndItem() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (String id : Instruments.bundledCatalogue().constructs().keySet()) {
            assertTrue(readme.contains("### " + id + " "), "README has a codebook entry for " + id);
        }
        for (Questionnaire x : instruments()) {
            for (Item i : x.items()) {
                if (i.construct() != null) {
                    assertTrue(readme.contains("| " + x.key() + " | `" + i.id() + "` |"),
                            "README lists " + x.key() + "/" + i.id() + " under its construct");
                }
            }
        }
    }
}
