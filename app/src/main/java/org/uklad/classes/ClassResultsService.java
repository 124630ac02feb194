package org.uklad.classes;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.indices.Text;
import org.uklad.indices.VersionPlan;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaires.LocalizedText;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.Jdbc;
import org.uklad.system.ProblemException;
import org.uklad.system.SmallGroups;
import org.uklad.wave.Waves;

/**
 * Computes {@link ClassResults}: the constructs of each questionnaire version scored as the school's
 * indices score them ({@link VersionPlan}: a person's score is the mean of the keyed items answered
 * when two thirds are answered), grouped by the group label of the published responses. Classes
 * under k are merged by the one rule for outputs by group ({@link SmallGroups#merge}); published
 * responses move in blocks of at least k per class, so these figures change only in such steps, as
 * the dashboard's do.
 */
@Singleton
public class ClassResultsService {

    private final Jdbc jdbc;
    private final ClassStore store;
    private final Waves waves;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final SmallGroups smallGroups;
    private final SuppressionPolicy policy;

    ClassResultsService(Jdbc jdbc, ClassStore store, Waves waves, Schools schools, QuestionnaireRegistry questionnaires,
                        SmallGroups smallGroups, SuppressionPolicy policy) {
        this.jdbc = jdbc;
        this.store = store;
        this.waves = waves;
        this.schools = schools;
        this.questionnaires = questionnaires;
        this.smallGroups = smallGroups;
        this.policy = policy;
    }

    /**
     * The school's results per class in the wave.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave or school
     */
    public ClassResults of(long waveId, long schoolId) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<ClassResults.QuestionnaireClasses> out = new ArrayList<>();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            VersionPlan plan = VersionPlan.of(q);
            if (!plan.scales().isEmpty()) {
                out.add(jdbc.readOnly(() -> version(waveId, schoolId, plan)));
            }
        }
        return new ClassResults(waveId, schoolId, policy.minGroupSize(), out);
    }

    /** A response's row under the label it is shown with. */
    private record Row(String shownAs, double[] values) {}

    private ClassResults.QuestionnaireClasses version(long waveId, long schoolId, VersionPlan plan) {
        LoadedQuestionnaire q = plan.source();
        Map<String, String> shownAs = new HashMap<>();
        List<ClassResults.ClassGroup> groups = groups(store.counts(waveId, schoolId, q.versionId()), shownAs);
        List<Row> rows = new ArrayList<>();
        if (!groups.isEmpty()) {
            store.rows(waveId, schoolId, plan, (label, values) -> {
                String shown = shownAs.get(label);
                if (shown != null) {
                    rows.add(new Row(shown, values.clone()));
                }
            });
        }
        List<ClassResults.ConstructClasses> constructs = new ArrayList<>();
        for (VersionPlan.ScaleConstruct sc : groups.isEmpty() ? List.<VersionPlan.ScaleConstruct>of() : plan.scales()) {
            constructs.add(construct(sc, groups, rows));
        }
        return new ClassResults.QuestionnaireClasses(q.versionId(), q.key(), q.questionnaire().respondent(),
                text(q.questionnaire().title()), groups, constructs);
    }

    /**
     * The classes as shown ({@link SmallGroups#merge} on the response counts), filling {@code shownAs}
     * (stored label → shown label); a merged group still under k (no class reaches k) is left out.
     */
    private List<ClassResults.ClassGroup> groups(Map<String, Long> counts, Map<String, String> shownAs) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        counts.forEach((label, n) -> byLabel.put(label, Collections.nCopies(Math.toIntExact(n), label)));
        List<ClassResults.ClassGroup> out = new ArrayList<>();
        smallGroups.merge(byLabel, Comparator.naturalOrder()).forEach((shown, members) -> {
            if (policy.allows(members.size())) {
                members.forEach(label -> shownAs.put(label, shown));
                out.add(new ClassResults.ClassGroup(shown, shown.equals(SmallGroups.OTHER_GROUPS), members.size()));
            }
        });
        return out;
    }

    private ClassResults.ConstructClasses construct(VersionPlan.ScaleConstruct sc, List<ClassResults.ClassGroup> groups,
                                                    List<Row> rows) {
        ScaleDefinition scale = sc.definition();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        groups.forEach(g -> scores.put(g.label(), new ArrayList<>()));
        for (Row r : rows) {
            double s = scale.score(r.values());
            if (!Double.isNaN(s)) {
                scores.get(r.shownAs()).add(s);
            }
        }
        Set<String> hidden = hidden(scores);
        List<ClassResults.ClassScore> classes = new ArrayList<>();
        List<Double> iccScores = new ArrayList<>();
        List<String> iccGroups = new ArrayList<>();
        for (ClassResults.ClassGroup g : groups) {
            if (hidden.contains(g.label())) {
                classes.add(ClassResults.ClassScore.hidden(g));
                continue;
            }
            List<Double> mine = scores.get(g.label());
            Descriptives d = Descriptives.of(mine.stream().mapToDouble(Double::doubleValue).toArray());
            classes.add(new ClassResults.ClassScore(g.label(), g.merged(), false, d.n(), d.mean(), finite(d.sd()),
                    scale.rescale(d.mean()), finite(scale.rescale(d.ciLower())), finite(scale.rescale(d.ciUpper()))));
            iccScores.addAll(mine);
            mine.forEach(x -> iccGroups.add(g.label()));
        }
        Icc icc = Icc.of(iccScores.stream().mapToDouble(Double::doubleValue).toArray(), iccGroups.toArray(String[]::new));
        return new ClassResults.ConstructClasses(sc.construct().id(), text(sc.construct().title()), classes,
                finite(icc.icc1()));
    }

    /**
     * The classes whose score on a construct is withheld: those with fewer than k scores, and, while
     * those together hold between 1 and k − 1 scores (which the school's own figure minus the shown
     * classes would reveal), the smallest shown class as well.
     */
    private Set<String> hidden(Map<String, List<Double>> scores) {
        Set<String> hidden = new HashSet<>();
        long hiddenScores = 0;
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            if (!policy.allows(e.getValue().size())) {
                hidden.add(e.getKey());
                hiddenScores += e.getValue().size();
            }
        }
        while (hiddenScores > 0 && !policy.allows(hiddenScores) && hidden.size() < scores.size()) {
            String smallest = scores.entrySet().stream().filter(e -> !hidden.contains(e.getKey()))
                    .min(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
            hidden.add(smallest);
            hiddenScores += scores.get(smallest).size();
        }
        return hidden;
    }

    private static Text text(LocalizedText t) {
        return new Text(t.ru(), t.en());
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
