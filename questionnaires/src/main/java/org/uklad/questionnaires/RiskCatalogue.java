package org.uklad.questionnaires;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The risk catalogue ({@code catalogue/risks.yaml}): the risk factors of a school's risk profile,
 * each with the signals it is read from and their thresholds (see {@code docs/risk-profiles.md}).
 * Versioned like the constructs: a change of a rule is a new {@code version}. It sits beside the
 * construct catalogue but has its own format and schema, so the construct catalogue's readers
 * skip it ({@link Instruments#CATALOGUE_DATA}).
 */
public final class RiskCatalogue {

    /** The file's name in the catalogue folder. */
    public static final String FILE = "risks.yaml";
    /** Its JSON Schema in the schema folder. */
    public static final String SCHEMA = "risks.schema.json";
    /** The profile facts a signal may read (see the app's {@code risk/ProfileFacts}). */
    public static final Set<String> FACTS = Set.of("students", "sen_share", "other_language_share",
            "teacher_vacancy_share", "specialist_posts_missing", "staff_trained", "staff_trained_share",
            "equipment_missing_share");

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final int version;
    private final Map<String, RiskFactor> factors;

    private RiskCatalogue(int version, Map<String, RiskFactor> factors) {
        this.version = version;
        this.factors = Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }

    public int version() {
        return version;
    }

    /** The factors by id, in file order. */
    public Map<String, RiskFactor> factors() {
        return factors;
    }

    /**
     * The bundled catalogue, checked against the bundled construct catalogue (validated by the build).
     * Read once per class loader: it is immutable, and the risk profiles and the programme checks
     * both ask for it at start.
     */
    public static RiskCatalogue bundled() {
        return Bundled.CATALOGUE;
    }

    /** Holds the bundled catalogue, read on first use. */
    private static final class Bundled {
        static final RiskCatalogue CATALOGUE = readBundled();
    }

    private static RiskCatalogue readBundled() {
        String text = Instruments.resource(Instruments.RESOURCE_ROOT + Instruments.CATALOGUE + "/" + FILE);
        if (text == null) {
            throw new IllegalStateException("the risk catalogue is not on the classpath");
        }
        try {
            return parse(new SourceFile(Instruments.CATALOGUE + "/" + FILE, text), Instruments.bundledCatalogue());
        } catch (QuestionnaireException e) {
            throw new IllegalStateException("bundled risk catalogue is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The build-time check of a questionnaires folder's risk catalogue (if it has one): its schema,
     * then its meaning against the construct catalogue and the instruments (a construct signal
     * must name a level construct some instrument asks of that respondent group).
     */
    static List<Problem> problems(Path dir, Catalogue catalogue, List<Questionnaire> instruments) {
        List<SourceFile> files = Instruments.yamlFiles(dir.resolve(Instruments.CATALOGUE), true).stream()
                .filter(f -> f.name().endsWith("/" + FILE)).toList();
        List<Problem> out = new ArrayList<>();
        for (SourceFile f : files) {
            Path schema = dir.resolve(Instruments.SCHEMA).resolve(SCHEMA);
            if (!Files.isRegularFile(schema)) {
                out.add(new Problem(Instruments.SCHEMA + "/" + SCHEMA, 0, "", "schema file is missing"));
            } else {
                out.addAll(new SchemaCheck(dir.resolve(Instruments.SCHEMA), SCHEMA).check(f));
            }
            try {
                RiskCatalogue risks = parse(f, catalogue);
                out.addAll(unasked(f, risks, instruments));
            } catch (QuestionnaireException e) {
                out.addAll(e.problems());
            }
        }
        return out;
    }

    /** Construct signals no instrument can feed: the factor would never have data. */
    private static List<Problem> unasked(SourceFile f, RiskCatalogue risks, List<Questionnaire> instruments) {
        List<Problem> out = new ArrayList<>();
        for (RiskFactor factor : risks.factors.values()) {
            for (RiskFactor.Signal s : factor.signals()) {
                if (s.source() != RiskFactor.Source.CONSTRUCT && s.source() != RiskFactor.Source.MATRIX) {
                    continue;
                }
                for (String c : s.constructs()) {
                    boolean asked = instruments.stream().anyMatch(q -> q.respondent() == s.respondent()
                            && q.constructs().containsKey(c)
                            && (s.questionnaire() == null || s.questionnaire().equals(q.key())));
                    if (!asked) {
                        out.add(new Problem(f.name(), 0, "factor " + factor.id(), "no questionnaire "
                                + (s.questionnaire() == null ? "" : "'" + s.questionnaire() + "' ") + "asks "
                                + s.respondent().name().toLowerCase(Locale.ROOT) + "s about construct '" + c + "'"));
                    }
                }
            }
        }
        return out;
    }

    /** Parses and checks a risk catalogue; every problem is reported at once. */
    public static RiskCatalogue parse(SourceFile file, Catalogue catalogue) throws QuestionnaireException {
        YamlReader r = new YamlReader(file.name());
        Node root = r.compose(file.text());
        Map<String, RiskFactor> factors = new LinkedHashMap<>();
        Integer version = null;
        if (root != null) {
            YamlReader.Fields f = r.fields(root, "", Set.of("version", "factors"), Set.of("version", "factors"));
            version = r.integer(f, "version", "version");
            if (version != null && version < 1) {
                r.add(f.get("version"), "version", "'version' must be 1 or more");
            }
            if (f.has("factors")) {
                Map<String, Node> nodes = r.idMap(f.get("factors"), "factors", "factor");
                if (nodes.isEmpty()) {
                    r.add(f.get("factors"), "factors", "the catalogue declares no factor");
                }
                nodes.forEach((id, node) -> {
                    RiskFactor factor = factor(r, id, node, catalogue);
                    if (factor != null) {
                        factors.put(id, factor);
                    }
                });
            }
        }
        if (!r.ok()) {
            throw new QuestionnaireException(r.problems());
        }
        return new RiskCatalogue(version, factors);
    }

    private static RiskFactor factor(YamlReader r, String id, Node node, Catalogue catalogue) {
        String where = "factor " + id;
        YamlReader.Fields f = r.fields(node, where, Set.of("name", "meaning", "measured", "signals", "why"),
                Set.of("measured"));
        LocalizedText name = r.text(f, "name", where, true);
        LocalizedText meaning = r.text(f, "meaning", where, true);
        Boolean measured = r.bool(f, "measured", where);
        LocalizedText why = r.text(f, "why", where, false);
        List<RiskFactor.Signal> signals = new ArrayList<>();
        for (Node s : r.list(f, "signals", where)) {
            RiskFactor.Signal signal = signal(r, where, s, catalogue);
            if (signal != null) {
                signals.add(signal);
            }
        }
        if (Boolean.TRUE.equals(measured)) {
            if (!f.has("signals") || r.list(f, "signals", where).isEmpty()) {
                r.add(node, where, "a measured factor needs at least one signal");
            }
            if (f.has("why")) {
                r.add(f.keys.get("why"), where, "'why' is only for a factor that is not measured");
            }
        } else if (Boolean.FALSE.equals(measured)) {
            if (why == null && !f.has("why")) {
                r.add(node, where, "a factor that is not measured says why ('why', ru and en)");
            }
            if (f.has("signals")) {
                r.add(f.keys.get("signals"), where, "a factor that is not measured has no signals");
            }
        }
        if (name == null || meaning == null || measured == null) {
            return null;
        }
        return new RiskFactor(id, name, meaning, measured, measured ? signals : List.of(), measured ? null : why);
    }

    private static RiskFactor.Signal signal(YamlReader r, String where, Node node, Catalogue catalogue) {
        YamlReader.Fields f = r.fields(node, where, Set.of("source", "construct", "constructs", "respondent",
                "questionnaire", "fact", "min_schools", "rule"), Set.of("source", "rule"));
        RiskFactor.Source source = r.enumValue(f, "source", where, RiskFactor.Source.class);
        RiskRule rule = f.has("rule") ? rule(r, where, f.get("rule")) : null;
        if (source == null) {
            return null;
        }
        Set<String> wanted = switch (source) {
            case CONSTRUCT -> Set.of("construct", "respondent");
            case MATRIX -> Set.of("constructs", "respondent");
            case EXTERNAL -> Set.of("min_schools");
            case CONTEXT -> Set.of();
            case PROFILE -> Set.of("fact");
        };
        for (String key : List.of("construct", "constructs", "respondent", "fact", "min_schools")) {
            if (wanted.contains(key) && !f.has(key)) {
                r.add(node, where, "a " + source.name().toLowerCase(Locale.ROOT) + " signal needs '" + key + "'");
            } else if (!wanted.contains(key) && f.has(key)) {
                r.add(f.keys.get(key), where, "'" + key + "' does not belong to a "
                        + source.name().toLowerCase(Locale.ROOT) + " signal");
            }
        }
        List<String> constructs = new ArrayList<>();
        if (f.has("construct")) {
            String c = r.string(f, "construct", where);
            if (c != null) {
                constructs.add(c);
            }
        }
        for (Node c : r.list(f, "constructs", where)) {
            String id = r.scalar(c, where, "a construct id");
            if (id != null) {
                constructs.add(id);
            }
        }
        for (String c : constructs) {
            Construct construct = catalogue.construct(c).orElse(null);
            if (construct == null) {
                r.add(node, where, "unknown construct '" + c + "' (not in the construct catalogue)");
            } else if (source == RiskFactor.Source.CONSTRUCT && construct.index() != IndexKind.LEVEL) {
                r.add(node, where, "construct '" + c + "' has no level (index " + construct.index().name()
                        .toLowerCase(Locale.ROOT) + "): percent favourable does not apply");
            }
        }
        Respondent respondent = r.enumValue(f, "respondent", where, Respondent.class);
        String questionnaire = r.string(f, "questionnaire", where);
        if (questionnaire != null && source != RiskFactor.Source.CONSTRUCT) {
            r.add(f.keys.get("questionnaire"), where, "'questionnaire' belongs to a construct signal only");
        } else if (questionnaire != null && !YamlReader.KEY.matcher(questionnaire).matches()) {
            r.add(f.get("questionnaire"), where, "invalid questionnaire key '" + questionnaire + "'");
        }
        String fact = r.string(f, "fact", where);
        if (fact != null && !FACTS.contains(fact)) {
            r.add(f.get("fact"), where, "unknown fact '" + fact + "' (use one of: " + String.join(", ",
                    new java.util.TreeSet<>(FACTS)) + ")");
        }
        Integer minSchools = r.integer(f, "min_schools", where);
        if (minSchools != null && minSchools < 2) {
            r.add(f.get("min_schools"), where, "'min_schools' must be 2 or more");
        }
        if (rule != null && source == RiskFactor.Source.CONSTRUCT
                && (rule.high() < 0 || rule.high() > 100 || rule.medium() < 0 || rule.medium() > 100)) {
            r.add(f.get("rule"), where, "a percent favourable threshold lies between 0 and 100");
        }
        if (rule == null) {
            return null;
        }
        return new RiskFactor.Signal(source, constructs, respondent, questionnaire, fact,
                minSchools == null ? 0 : minSchools, rule);
    }

    private static RiskRule rule(YamlReader r, String where, Node node) {
        YamlReader.Fields f = r.fields(node, where, Set.of("when", "high", "medium"), Set.of("when", "high", "medium"));
        String when = r.string(f, "when", where);
        RiskRule.When w = null;
        if ("below".equals(when)) {
            w = RiskRule.When.BELOW;
        } else if ("at_least".equals(when)) {
            w = RiskRule.When.AT_LEAST;
        } else if (when != null) {
            r.add(f.get("when"), where, "unknown 'when' '" + when + "' (use one of: below, at_least)");
        }
        Double high = number(r, f, "high", where);
        Double medium = number(r, f, "medium", where);
        if (w == null || high == null || medium == null) {
            return null;
        }
        RiskRule rule = new RiskRule(w, high, medium);
        if (!rule.ordered()) {
            r.add(node, where, w == RiskRule.When.BELOW
                    ? "with 'when: below' the high-risk threshold must not exceed the medium one"
                    : "with 'when: at_least' the high-risk threshold must not be under the medium one");
        }
        return rule;
    }

    private static Double number(YamlReader r, YamlReader.Fields f, String key, String where) {
        Node n = f.get(key);
        if (n == null) {
            return null;
        }
        String v = r.scalar(n, where, "'" + key + "'");
        if (v == null) {
            return null;
        }
        if (!(n instanceof ScalarNode) || !NUMBER.matcher(v).matches()) {
            r.add(n, where, "'" + key + "' must be a number, not '" + v + "'");
            return null;
        }
        return Double.valueOf(v);
    }
}
