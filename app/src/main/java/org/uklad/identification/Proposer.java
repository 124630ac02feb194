package org.uklad.identification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.analysis.identification.Outcomes;
import org.uklad.analysis.identification.ResilienceOverYears;
import org.uklad.analysis.identification.SumOfPlaces;
import org.uklad.questionnaires.IdentificationRules;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;

/**
 * Applies the identification rules to the external results and the family context: pure, so the
 * rules are tested on constructed data without a database.
 *
 * <p>The years looked at are the last {@code years} years that have any result. Within each group
 * (municipality, or the whole region) and year, the schools are ranked by the sum of places
 * ({@link SumOfPlaces}) over the listed subjects that at least one school of the group sat that
 * year (all subjects when the file says {@code all}). A results rule over {@code y} years holds when
 * the school has a standing in each of the last {@code y} years and in each its percentile is
 * {@code ≤ percent} (top) or {@code ≥ 100 − percent} (bottom). A context rule holds when the
 * school's family context index is in the bottom {@code index_bottom_percent} % of its group's
 * schools with a context (Hazen percentile of the index, ascending) or its share of families in the
 * bottom third is above {@code bottom_third_share_above}; a suppressed context meets no rule. The
 * first rule met gives the proposal; none gives OTHER.
 *
 * <p>"Beats its context" is fitted over all the schools (the region: a municipality is too few
 * schools for a regression), one model per outcome (mean z-score; share below the pass mark,
 * negated) and span (the latest year alone, needing 1 year; all years looked at, needing the
 * file's {@code min_years}).
 */
final class Proposer {

    /** A stored external score. */
    record Score(long schoolId, int year, String assessment, String subject, double mean, Double belowPass) {

        String key() {
            return assessment + " · " + subject;
        }
    }

    static final List<String> MODELS = List.of("mean-1y", "mean-3y", "share-1y", "share-3y");

    private final IdentificationRules rules;

    Proposer(IdentificationRules rules) {
        this.rules = rules;
    }

    /** The years looked at: the last {@code years} with any score, oldest first. */
    List<Integer> years(List<Score> scores) {
        TreeSet<Integer> all = new TreeSet<>();
        scores.forEach(s -> all.add(s.year()));
        List<Integer> out = new ArrayList<>(all.descendingSet().stream().limit(rules.years()).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    String group(School s) {
        return rules.scope() == IdentificationRules.Scope.REGION ? "region" : s.municipality();
    }

    private boolean listed(Score s) {
        return rules.subjects().isEmpty() || rules.subjects().stream().anyMatch(l ->
                l.assessment().equalsIgnoreCase(s.assessment().strip()) && l.subject().equalsIgnoreCase(s.subject().strip()));
    }

    /** Every school's evidence and proposal, in the order of {@code schools}. */
    Map<Long, Evidence> propose(List<School> schools, List<Score> scores, Map<Long, Suppressible<SchoolContext>> contexts) {
        List<Integer> years = years(scores);
        Map<Long, School> byId = new LinkedHashMap<>();
        schools.forEach(s -> byId.put(s.id(), s));
        // year → group → school → subject → mean (and share below the pass mark)
        Map<Integer, Map<String, Map<String, Map<String, Double>>>> means = new TreeMap<>();
        Map<Integer, Map<String, Map<String, Double>>> shares = new TreeMap<>();
        for (Score s : scores) {
            School school = byId.get(s.schoolId());
            if (school == null || !years.contains(s.year()) || !listed(s)) {
                continue;
            }
            means.computeIfAbsent(s.year(), y -> new TreeMap<>()).computeIfAbsent(group(school), g -> new LinkedHashMap<>())
                    .computeIfAbsent(Long.toString(s.schoolId()), k -> new LinkedHashMap<>()).put(s.key(), s.mean());
            if (s.belowPass() != null) {
                shares.computeIfAbsent(s.year(), y -> new LinkedHashMap<>())
                        .computeIfAbsent(Long.toString(s.schoolId()), k -> new LinkedHashMap<>()).put(s.key(), s.belowPass());
            }
        }
        Map<Long, Map<Integer, Evidence.Standing>> standings = new LinkedHashMap<>();
        Map<Integer, Map<String, Map<String, Double>>> regionMeans = new TreeMap<>();
        means.forEach((year, groups) -> groups.forEach((group, m) -> {
            List<String> subjects = m.values().stream().flatMap(x -> x.keySet().stream()).distinct().sorted().toList();
            List<SumOfPlaces.Standing> ranked = SumOfPlaces.rank(m, subjects);
            for (SumOfPlaces.Standing st : ranked) {
                standings.computeIfAbsent(Long.parseLong(st.school()), k -> new TreeMap<>()).put(year,
                        new Evidence.Standing(year, new TreeMap<>(st.places()), st.ranked(), st.listed(), st.sum(),
                                st.percentile(), ranked.size()));
            }
            regionMeans.computeIfAbsent(year, y -> new LinkedHashMap<>()).putAll(m);
        }));
        Map<Long, Evidence.Context> context = contexts(schools, contexts);
        Map<String, Map<String, ResilienceOverYears.Verdict>> models = models(years, regionMeans, shares, context);
        Map<Integer, Map<String, Double>> outcomes = new TreeMap<>();
        regionMeans.forEach((year, m) -> outcomes.put(year, Outcomes.meanZ(m, subjectsOf(m))));
        Map<Long, Evidence> out = new LinkedHashMap<>();
        for (School s : schools) {
            Map<Integer, Evidence.Standing> mine = standings.getOrDefault(s.id(), Map.of());
            List<Evidence.Standing> perYear = new ArrayList<>();
            years.forEach(y -> perYear.add(mine.get(y)));
            Evidence.Context c = context.get(s.id());
            int rule = -1;
            for (int i = 0; i < rules.categories().size() && rule < 0; i++) {
                if (meets(rules.categories().get(i), perYear, c)) {
                    rule = i;
                }
            }
            SchoolCategory proposed = rule < 0 ? SchoolCategory.OTHER
                    : SchoolCategory.valueOf(rules.categories().get(rule).category());
            String key = Long.toString(s.id());
            Map<Integer, Double> mineOutcome = new TreeMap<>();
            outcomes.forEach((y, o) -> {
                if (o.containsKey(key)) {
                    mineOutcome.put(y, o.get(key));
                }
            });
            List<Evidence.Model> verdicts = MODELS.stream().map(m -> {
                ResilienceOverYears.Verdict v = models.get(m).get(key);
                return v == null ? new Evidence.Model(m, null, 0, 0)
                        : new Evidence.Model(m, v.beatsContext(), v.yearsAbove(), v.years().size());
            }).toList();
            out.put(s.id(), new Evidence(s.id(), group(s), perYear, c, proposed, rule, mineOutcome, verdicts));
        }
        return out;
    }

    private static List<String> subjectsOf(Map<String, Map<String, Double>> m) {
        return m.values().stream().flatMap(x -> x.keySet().stream()).distinct().sorted().toList();
    }

    /** Each school's context with its index percentile within its group. */
    private Map<Long, Evidence.Context> contexts(List<School> schools, Map<Long, Suppressible<SchoolContext>> contexts) {
        Map<String, List<School>> groups = new LinkedHashMap<>();
        schools.forEach(s -> groups.computeIfAbsent(group(s), g -> new ArrayList<>()).add(s));
        Map<Long, Evidence.Context> out = new LinkedHashMap<>();
        groups.forEach((g, members) -> {
            List<School> with = members.stream().filter(s -> contexts.containsKey(s.id())
                    && !contexts.get(s.id()).isSuppressed()).toList();
            double[] ranks = SumOfPlaces.averageRanks(with.stream()
                    .mapToDouble(s -> contexts.get(s.id()).orElseThrow().index()).toArray());
            for (int i = 0; i < with.size(); i++) {
                SchoolContext c = contexts.get(with.get(i).id()).orElseThrow();
                out.put(with.get(i).id(), new Evidence.Context(false, c.index(), c.bottomThirdShare(),
                        100 * (ranks[i] - 0.5) / with.size()));
            }
            members.stream().filter(s -> contexts.containsKey(s.id()) && contexts.get(s.id()).isSuppressed())
                    .forEach(s -> out.put(s.id(), new Evidence.Context(true, null, null, null)));
        });
        return out;
    }

    private boolean meets(IdentificationRules.Rule rule, List<Evidence.Standing> perYear, Evidence.Context c) {
        if (rule.results() != null) {
            IdentificationRules.ResultsRule r = rule.results();
            if (perYear.size() < r.years()) {
                return false;
            }
            return perYear.subList(perYear.size() - r.years(), perYear.size()).stream().allMatch(st -> st != null
                    && (r.top() ? st.percentile() <= r.percent() : st.percentile() >= 100 - r.percent()));
        }
        if (c == null || c.suppressed()) {
            return false;
        }
        IdentificationRules.ContextRule r = rule.context();
        return (r.indexBottomPercent() != null && c.indexPercentile() <= r.indexBottomPercent())
                || (r.bottomThirdShareAbove() != null && c.bottomThirdShare() > r.bottomThirdShareAbove());
    }

    /** The four models' verdicts, school key → verdict. */
    private Map<String, Map<String, ResilienceOverYears.Verdict>> models(List<Integer> years,
            Map<Integer, Map<String, Map<String, Double>>> means, Map<Integer, Map<String, Map<String, Double>>> shares,
            Map<Long, Evidence.Context> context) {
        Map<String, double[]> x = new LinkedHashMap<>();
        context.forEach((id, c) -> {
            if (!c.suppressed()) {
                x.put(Long.toString(id), new double[] {c.index()});
            }
        });
        Map<Integer, Map<String, Double>> mean = new TreeMap<>();
        means.forEach((y, m) -> mean.put(y, Outcomes.meanZ(m, subjectsOf(m))));
        Map<Integer, Map<String, Double>> share = new TreeMap<>();
        shares.forEach((y, m) -> share.put(y, Outcomes.negatedMeanShare(m, subjectsOf(m))));
        Integer last = years.isEmpty() ? null : years.getLast();
        Map<String, Map<String, ResilienceOverYears.Verdict>> out = new LinkedHashMap<>();
        out.put("mean-1y", ResilienceOverYears.assess(latest(mean, last), x, rules.margin(), 1));
        out.put("mean-3y", ResilienceOverYears.assess(mean, x, rules.margin(), rules.minYears()));
        out.put("share-1y", ResilienceOverYears.assess(latest(share, last), x, rules.margin(), 1));
        out.put("share-3y", ResilienceOverYears.assess(share, x, rules.margin(), rules.minYears()));
        return out;
    }

    private static Map<Integer, Map<String, Double>> latest(Map<Integer, Map<String, Double>> all, Integer last) {
        return last == null || !all.containsKey(last) ? Map.of() : Map.of(last, all.get(last));
    }
}
