package org.uklad.statements;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.indices.Text;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Construct;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.LocalizedText;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * The answer distribution of every statement of a school in a wave ({@link SchoolStatements}) and
 * its safety section ({@link SafetyFigures}), counted from published responses only.
 *
 * <p><b>Minimum group.</b> The one rule of the indices ({@link SuppressionPolicy}, k =
 * {@code uklad.indices.min-group-size}): a questionnaire the school has fewer than k published
 * responses to shows nothing but that (not even its count); within it, a statement answered by
 * fewer than k shows nothing but that either. Every figure shown rests on at least k answers.
 *
 * <p><b>What is counted.</b> Likert items per scale point with the point's label, in the item's own
 * wording (a reverse-keyed statement as it was asked, its answers not reversed; only its percent
 * favourable is keyed); single-choice items per option; multiple-choice items the percent of those
 * who answered choosing each option; number items per value, or in six bins of equal width when
 * their range has more than twelve values; free text is not counted (the free-text page shows it).
 */
@Singleton
public class Statements {

    /** A number item with more possible values than this is shown in bins. */
    static final int MAX_SINGLE_VALUES = 12;
    static final int BINS = 6;

    private final StatementStore store;
    private final Waves waves;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final SuppressionPolicy policy;

    Statements(StatementStore store, Waves waves, Schools schools, QuestionnaireRegistry questionnaires,
               SuppressionPolicy policy) {
        this.store = store;
        this.waves = waves;
        this.schools = schools;
        this.questionnaires = questionnaires;
        this.policy = policy;
    }

    /** The distributions and the safety section of a school in a wave, from one count. */
    public record Read(SchoolStatements statements, SafetyFigures safety) {}

    /**
     * Every statement and the safety section of a school in a wave.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave or school
     */
    public Read read(long waveId, long schoolId) {
        List<Tally> tallies = tallies(waveId, schoolId, item -> item.type() != ItemType.TEXT);
        return new Read(statements(waveId, schoolId, tallies), SafetyReading.of(tallies, this::marks, policy));
    }

    /**
     * The safety section alone (for the dashboard and the PDF summary): only the safety items are counted.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave or school
     */
    public SafetyFigures safety(long waveId, long schoolId) {
        List<Tally> tallies = tallies(waveId, schoolId, null);
        return SafetyReading.of(tallies, this::marks, policy);
    }

    /** k in force. */
    public int minGroupSize() {
        return policy.minGroupSize();
    }

    /**
     * The counted answers of every questionnaire of the wave at the school: of the items that pass
     * {@code counted}, or of the safety items when it is null; a questionnaire under k is not counted.
     */
    private List<Tally> tallies(long waveId, long schoolId, Predicate<Item> counted) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<Tally> out = new ArrayList<>();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            Predicate<Item> which = counted;
            if (which == null) {
                java.util.Set<String> safetyItems = marks(q).keySet();
                which = item -> safetyItems.contains(item.id());
            }
            List<Item> items = q.questionnaire().items().stream().filter(which).toList();
            if (counted == null && items.isEmpty()) {
                continue;
            }
            int respondents = store.respondents(waveId, schoolId, versionId);
            if (!policy.allows(respondents) || items.isEmpty()) {
                out.add(Tally.of(q, respondents, List.of(), List.of()));
                continue;
            }
            List<String> ids = items.stream().map(Item::id).toList();
            List<String> multiple = items.stream().filter(i -> i.type() == ItemType.MULTIPLE).map(Item::id).toList();
            out.add(Tally.of(q, respondents, store.counts(waveId, schoolId, versionId, ids),
                    multiple.isEmpty() ? List.of() : store.choices(waveId, schoolId, versionId, multiple)));
        }
        return out;
    }

    /**
     * The safety marks that apply to a version: its own, or, for a version stored before it had any,
     * those of the newest version of the same questionnaire on items still asked with the same
     * type and the same answers there (the marks say how to read an item, not what was asked).
     */
    Map<String, org.uklad.questionnaires.ReportMark> marks(LoadedQuestionnaire q) {
        Map<String, org.uklad.questionnaires.ReportMark> own = new LinkedHashMap<>();
        q.questionnaire().items().stream().filter(i -> i.report() != null).forEach(i -> own.put(i.id(), i.report()));
        if (!own.isEmpty()) {
            return own;
        }
        LoadedQuestionnaire newest = questionnaires.latest(q.key()).orElse(q);
        for (Item marked : newest.questionnaire().items()) {
            q.questionnaire().item(marked.id())
                    .filter(i -> marked.report() != null && sameAnswers(q, i, newest, marked))
                    .ifPresent(i -> own.put(i.id(), marked.report()));
        }
        return own;
    }

    private static boolean sameAnswers(LoadedQuestionnaire q, Item item, LoadedQuestionnaire other, Item otherItem) {
        if (item.type() != otherItem.type()) {
            return false;
        }
        if (item.type() == ItemType.LIKERT) {
            return q.questionnaire().scaleOf(item).points().stream().map(ScalePoint::value).toList()
                    .equals(other.questionnaire().scaleOf(otherItem).points().stream().map(ScalePoint::value).toList());
        }
        return item.options().stream().map(ChoiceOption::value).toList()
                .equals(otherItem.options().stream().map(ChoiceOption::value).toList());
    }

    private SchoolStatements statements(long waveId, long schoolId, List<Tally> tallies) {
        List<SchoolStatements.QuestionnaireStatements> out = new ArrayList<>();
        for (Tally t : tallies) {
            LoadedQuestionnaire q = t.version();
            boolean shown = policy.allows(t.respondents());
            List<SchoolStatements.Group> groups = new ArrayList<>();
            if (shown) {
                Map<String, List<SchoolStatements.Statement>> byConstruct = new LinkedHashMap<>();
                List<SchoolStatements.Statement> other = new ArrayList<>();
                for (Item item : q.questionnaire().items()) {
                    if (item.type() == ItemType.TEXT) {
                        continue;
                    }
                    SchoolStatements.Statement s = statement(t, item);
                    if (item.construct() == null) {
                        other.add(s);
                    } else {
                        byConstruct.computeIfAbsent(item.construct(), c -> new ArrayList<>()).add(s);
                    }
                }
                byConstruct.forEach((id, list) -> groups.add(new SchoolStatements.Group(id,
                        text(q.questionnaire().constructs().get(id).title()), list)));
                if (!other.isEmpty()) {
                    groups.add(new SchoolStatements.Group(null, null, other));
                }
            }
            out.add(new SchoolStatements.QuestionnaireStatements(q.key(), q.version(), text(q.questionnaire().title()),
                    q.questionnaire().respondent().name(), shown ? t.respondents() : null, !shown, groups));
        }
        return new SchoolStatements(waveId, schoolId, policy.minGroupSize(), out);
    }

    private SchoolStatements.Statement statement(Tally t, Item item) {
        long n = t.answered(item);
        String type = item.type().name().toLowerCase(Locale.ROOT);
        if (!policy.allows(n)) {
            return new SchoolStatements.Statement(item.id(), type, text(item.text()), item.reverse(), null, true, List.of(), null);
        }
        List<SchoolStatements.Answer> answers = new ArrayList<>();
        Double favourable = null;
        switch (item.type()) {
            case LIKERT -> {
                ResponseScale scale = t.scale(item);
                boolean keyed = keyed(t.version(), item);
                long favourableCount = 0;
                for (ScalePoint p : scale.points()) {
                    long c = t.count(item, Integer.toString(p.value()));
                    int keyedValue = item.reverse() ? scale.min() + scale.max() - p.value() : p.value();
                    boolean fav = keyed && scale.favourable().contains(keyedValue);
                    favourableCount += fav ? c : 0;
                    answers.add(new SchoolStatements.Answer(Integer.toString(p.value()), text(p.label()), c,
                            percent(c, n), fav, false));
                }
                favourable = keyed ? percent(favourableCount, n) : null;
            }
            case SINGLE, MULTIPLE -> {
                for (ChoiceOption o : item.options()) {
                    long c = t.count(item, o.value());
                    answers.add(new SchoolStatements.Answer(o.value(), text(o.label()), c, percent(c, n), false, o.exclusive()));
                }
            }
            case NUMBER -> answers.addAll(bins(t, item, n));
            case TEXT -> throw new IllegalArgumentException("free text is not counted");
        }
        return new SchoolStatements.Statement(item.id(), type, text(item.text()), item.reverse(), (int) n, false, answers,
                favourable);
    }

    /** Whether the item is scored in a level or agreement construct, so its favourable answers mean something. */
    private static boolean keyed(LoadedQuestionnaire q, Item item) {
        Construct c = item.construct() == null ? null : q.questionnaire().constructs().get(item.construct());
        return c != null && (c.index() == IndexKind.LEVEL || c.index() == IndexKind.AGREEMENT);
    }

    /** A number item per value, or in {@link #BINS} bins of equal width when it has more than {@link #MAX_SINGLE_VALUES} values. */
    private static List<SchoolStatements.Answer> bins(Tally t, Item item, long n) {
        int values = item.max() - item.min() + 1;
        int width = values <= MAX_SINGLE_VALUES ? 1 : (values + BINS - 1) / BINS;
        List<SchoolStatements.Answer> out = new ArrayList<>();
        for (int from = item.min(); from <= item.max(); from += width) {
            int to = Math.min(item.max(), from + width - 1);
            long c = 0;
            for (int v = from; v <= to; v++) {
                c += t.count(item, Integer.toString(v));
            }
            String label = from == to ? Integer.toString(from) : from + "–" + to;
            out.add(new SchoolStatements.Answer(from == to ? label : from + "-" + to, new Text(label, label), c,
                    percent(c, n), false, false));
        }
        return out;
    }

    static double percent(long count, long n) {
        return n == 0 ? 0 : 100.0 * count / n;
    }

    static Text text(LocalizedText t) {
        return new Text(t.ru(), t.en());
    }
}
