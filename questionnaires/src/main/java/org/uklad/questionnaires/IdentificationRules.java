package org.uklad.questionnaires;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The identification rules of {@code catalogue/identification.yaml} (issue #20): which schools a
 * school is ranked among, how many years and which subjects count, and per category the rule that
 * proposes it, in order (the first rule a school meets gives its proposal). Thresholds, years,
 * subjects and scope are data; what they mean is computed by the app's identification feature.
 *
 * @param scope      {@code municipality} or {@code region}
 * @param years      the last so many years with results
 * @param subjects   the ranked subjects; empty = every subject of the year's results ("all")
 * @param categories the rules in order
 * @param margin     "clearly above its context": standardized residual above this
 * @param minYears   … in at least this many years
 * @param mentors    at most this many proposed mentors per school
 */
public record IdentificationRules(Scope scope, int years, List<Subject> subjects, List<Rule> categories,
                                  double margin, int minYears, int mentors) {

    /** The file's name in the catalogue folder; it is not a catalogue of constructs. */
    public static final String FILE = "identification.yaml";
    /** The categories a rule may propose (the app's school categories without OTHER). */
    public static final Set<String> CATEGORIES = Set.of("SHNRO", "SHRSSU", "SHUVRO");

    /** Among whose schools a school is ranked. */
    public enum Scope { MUNICIPALITY, REGION }

    /** An assessment and a subject, e.g. ОГЭ · Математика. */
    public record Subject(String assessment, String subject) {}

    /**
     * One category's rule: either by results (position and percent in each of {@code years}) or by
     * context (index in the bottom {@code indexBottomPercent} %, or a bottom-third share above
     * {@code bottomThirdShareAbove}; a null threshold is not used).
     */
    public record Rule(String category, ResultsRule results, ContextRule context) {}

    /** @param top true for "top percent", false for "bottom percent" */
    public record ResultsRule(boolean top, double percent, int years) {}

    public record ContextRule(Double indexBottomPercent, Double bottomThirdShareAbove) {}

    /** Whether a catalogue file name is this file (so the construct catalogue leaves it alone). */
    public static boolean isRulesFile(String name) {
        return name.equals(FILE) || name.endsWith("/" + FILE);
    }

    /** The bundled rules; the build validates them, so this does not fail. */
    public static IdentificationRules bundled() {
        String text = Instruments.resource(Instruments.RESOURCE_ROOT + Instruments.CATALOGUE + "/" + FILE);
        if (text == null) {
            throw new IllegalStateException("no bundled " + FILE);
        }
        try {
            return parse(new SourceFile(Instruments.CATALOGUE + "/" + FILE, text));
        } catch (QuestionnaireException e) {
            throw new IllegalStateException("bundled identification rules are invalid: " + e.getMessage(), e);
        }
    }

    /** Parses and checks the rules; every problem is reported at once. */
    public static IdentificationRules parse(SourceFile file) throws QuestionnaireException {
        YamlReader r = new YamlReader(file.name());
        Node root = r.compose(file.text());
        if (root == null) {
            throw new QuestionnaireException(r.problems());
        }
        YamlReader.Fields f = r.fields(root, "", Set.of("scope", "years", "subjects", "categories", "resilience", "mentors"),
                Set.of("scope", "years", "subjects", "categories", "resilience", "mentors"));
        String scopeText = r.string(f, "scope", "scope");
        Scope scope = Scope.MUNICIPALITY;
        if ("region".equals(scopeText)) {
            scope = Scope.REGION;
        } else if (scopeText != null && !"municipality".equals(scopeText)) {
            r.add(f.get("scope"), "scope", "must be municipality or region");
        }
        int years = range(r, f.get("years"), r.integer(f, "years", "years"), 1, 10, "years");
        List<Subject> subjects = new ArrayList<>();
        Node s = f.get("subjects");
        if (s != null && !(s instanceof org.yaml.snakeyaml.nodes.ScalarNode sc && "all".equals(sc.getValue()))) {
            for (Node n : r.list(f, "subjects", "subjects")) {
                YamlReader.Fields sf = r.fields(n, "subjects", Set.of("assessment", "subject"), Set.of("assessment", "subject"));
                String a = r.string(sf, "assessment", "subjects");
                String b = r.string(sf, "subject", "subjects");
                if (a != null && b != null) {
                    subjects.add(new Subject(a.strip(), b.strip()));
                }
            }
            if (subjects.isEmpty()) {
                r.add(s, "subjects", "write all or list at least one assessment and subject");
            }
        }
        List<Rule> rules = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Node n : r.list(f, "categories", "categories")) {
            Rule rule = rule(r, n, years);
            if (rule != null) {
                if (seen.contains(rule.category())) {
                    r.add(n, "categories", "category " + rule.category() + " has two rules");
                }
                seen.add(rule.category());
                rules.add(rule);
            }
        }
        YamlReader.Fields res = f.get("resilience") == null ? null
                : r.fields(f.get("resilience"), "resilience", Set.of("margin", "min_years"), Set.of("margin", "min_years"));
        double margin = res == null ? 1 : number(r, res.get("margin"), 0, 5, "resilience.margin", 1);
        int minYears = res == null ? 2 : range(r, res.get("min_years"), r.integer(res, "min_years", "resilience"), 1, 10,
                "resilience.min_years");
        YamlReader.Fields m = f.get("mentors") == null ? null
                : r.fields(f.get("mentors"), "mentors", Set.of("max"), Set.of("max"));
        int mentors = m == null ? 3 : range(r, m.get("max"), r.integer(m, "max", "mentors"), 1, 10, "mentors.max");
        if (!r.ok()) {
            throw new QuestionnaireException(r.problems());
        }
        return new IdentificationRules(scope, years, List.copyOf(subjects), List.copyOf(rules), margin, minYears, mentors);
    }

    private static Rule rule(YamlReader r, Node n, int years) {
        YamlReader.Fields rf = r.fields(n, "categories", Set.of("category", "results", "context"), Set.of("category"));
        String category = r.string(rf, "category", "categories");
        if (category != null && !CATEGORIES.contains(category)) {
            r.add(rf.get("category"), "categories", "unknown category " + category + " (allowed: SHNRO, SHRSSU, SHUVRO)");
        }
        if (rf.has("results") == rf.has("context")) {
            r.add(n, "categories", "give exactly one of results or context");
            return null;
        }
        String where = "category " + category;
        if (rf.has("results")) {
            YamlReader.Fields q = r.fields(rf.get("results"), where, Set.of("position", "percent", "years"),
                    Set.of("position", "percent", "years"));
            String position = r.string(q, "position", where);
            if (position != null && !position.equals("top") && !position.equals("bottom")) {
                r.add(q.get("position"), where, "position must be top or bottom");
            }
            double percent = number(r, q.get("percent"), 0, 100, where + ": percent", 0);
            int y = range(r, q.get("years"), r.integer(q, "years", where), 1, 10, where + ": years");
            if (y > years) {
                r.add(q.get("years"), where, "years " + y + " is more than the " + years + " years looked at");
            }
            return new Rule(category, new ResultsRule("top".equals(position), percent, y), null);
        }
        YamlReader.Fields c = r.fields(rf.get("context"), where, Set.of("index_bottom_percent", "bottom_third_share_above"),
                Set.of());
        Double index = c.has("index_bottom_percent")
                ? number(r, c.get("index_bottom_percent"), 0, 100, where + ": index_bottom_percent", 0) : null;
        Double share = c.has("bottom_third_share_above")
                ? number(r, c.get("bottom_third_share_above"), 0, 1, where + ": bottom_third_share_above", 0) : null;
        if (index == null && share == null) {
            r.add(rf.get("context"), where, "give index_bottom_percent, bottom_third_share_above or both");
        }
        return new Rule(category, null, new ContextRule(index, share));
    }

    private static int range(YamlReader r, Node at, Integer v, int min, int max, String where) {
        if (v == null) {
            return min;
        }
        if (v < min || v > max) {
            r.add(at, where, "must be from " + min + " to " + max);
        }
        return v;
    }

    /** A decimal number (point) within [min, max]; {@code fallback} with a problem otherwise. */
    private static double number(YamlReader r, Node at, double min, double max, String where, double fallback) {
        if (at == null) {
            return fallback;
        }
        String text = r.scalar(at, where, "the number");
        if (text == null) {
            return fallback;
        }
        if (!text.strip().matches("[0-9]+(\\.[0-9]+)?")) {
            r.add(at, where, "'" + text + "' is not a number (use a decimal point)");
            return fallback;
        }
        double v = Double.parseDouble(text.strip());
        if (v < min || v > max) {
            r.add(at, where, "must be from " + min + " to " + max);
        }
        return v;
    }
}
