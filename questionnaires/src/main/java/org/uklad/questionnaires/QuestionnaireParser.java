package org.uklad.questionnaires;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses and validates a questionnaire file (format: README.md, schema:
 * {@code schema/questionnaire.schema.json}). Every problem is collected, each with its line; a
 * questionnaire is returned only if there are none. Scales and constructs are resolved from the
 * file's own {@code scales:}/{@code constructs:} first, then from the catalogue, and the result holds
 * only those its items use.
 */
public final class QuestionnaireParser {

    /** Upper bound of {@code maxLength} for text items. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** Upper bound of {@code minutes}. */
    public static final int MAX_MINUTES = 240;

    static final Set<String> ROOT_KEYS =
            Set.of("key", "title", "intro", "respondent", "minutes", "scales", "constructs", "sections");
    static final Set<String> SECTION_KEYS = Set.of("id", "title", "items");
    static final Set<String> ITEM_KEYS = Set.of("id", "type", "text", "help", "required", "scale", "construct",
            "reverse", "options", "min", "max", "maxLength", "showIf", "gapPair", "gapSide", "display", "support", "report");
    static final Set<String> OPTION_KEYS = Set.of("value", "ru", "en", "exclusive");
    static final Set<String> SHOW_IF_KEYS = Set.of("item", "anyOf");
    static final Set<String> SUPPORT_KEYS = Set.of("atOrAbove", "anyOf", "text");
    static final Set<String> REPORT_KEYS = Set.of("safety", "hurtAtOrAbove", "flagAtOrAbove");
    /** The start of every message about the faces rule, so that an author sees which rule it is. */
    static final String FACES_RULE = "faces only where the smiling face is the favourable answer: ";

    private QuestionnaireParser() {}

    public static Questionnaire parse(SourceFile file, Catalogue catalogue) throws QuestionnaireException {
        return new Run(file, catalogue == null ? Catalogue.empty() : catalogue, false).parse();
    }

    /**
     * Reads a version stored earlier, as it was imported: the rules for new files only (the faces
     * rule, added after versions were first stored) are not applied, because a stored version is never
     * changed and its responses must stay readable. Every other rule still holds.
     */
    public static Questionnaire parseStored(SourceFile file, Catalogue catalogue) throws QuestionnaireException {
        return new Run(file, catalogue == null ? Catalogue.empty() : catalogue, true).parse();
    }

    /** One item as read, with what is needed for the cross-checks. */
    private static final class Draft {
        YamlReader.Fields f;
        String where;
        String id;
        ItemType type;
        LocalizedText text;
        LocalizedText help;
        boolean required;
        String scale;
        String construct;
        boolean reverse;
        List<ChoiceOption> options = new ArrayList<>();
        Integer min;
        Integer max;
        Integer maxLength;
        String showIfItem;
        List<String> showIfValues = new ArrayList<>();
        List<Node> showIfValueNodes = new ArrayList<>();
        String gapPair;
        GapSide gapSide;
        String display;
        YamlReader.Fields support;
        LocalizedText supportText;
        /** The support's atOrAbove value and its node, or its anyOf values and their nodes. */
        List<String> supportValues = new ArrayList<>();
        List<Node> supportValueNodes = new ArrayList<>();
        boolean supportAtOrAbove;
        Support resolvedSupport;
        YamlReader.Fields report;
        ReportMark.Safety safety;
        ReportMark resolvedReport;
        ResponseScale resolvedScale;
        Construct resolvedConstruct;

        int line(String key) {
            return f.line(key);
        }
    }

    private static final class Run {
        final SourceFile file;
        final Catalogue catalogue;
        final YamlReader r;
        Map<String, ResponseScale> localScales = Map.of();
        Map<String, Construct> localConstructs = Map.of();
        Set<String> declaredScales = Set.of();
        Set<String> declaredConstructs = Set.of();

        Run(SourceFile file, Catalogue catalogue, boolean stored) {
            this.file = file;
            this.catalogue = catalogue;
            this.r = new YamlReader(file.name(), stored);
        }

        Questionnaire parse() throws QuestionnaireException {
            Node root = r.compose(file.text());
            if (root == null) {
                throw new QuestionnaireException(r.problems());
            }
            YamlReader.Fields f = r.fields(root, "", ROOT_KEYS, Set.of("key", "title", "intro", "respondent", "sections"));
            String key = r.string(f, "key", "key");
            if (key != null && !YamlReader.KEY.matcher(key).matches()) {
                r.add(f.line("key"), "key", "invalid key '" + key
                        + "' (use lower-case letters, digits and '-', starting with a letter)");
            }
            LocalizedText title = r.text(f, "title", "title", true);
            LocalizedText intro = r.text(f, "intro", "intro", true);
            Respondent respondent = r.enumValue(f, "respondent", "respondent", Respondent.class);
            Integer minutes = r.integer(f, "minutes", "minutes");
            if (minutes != null && (minutes < 1 || minutes > MAX_MINUTES)) {
                r.add(f.line("minutes"), "minutes", "minutes must be between 1 and " + MAX_MINUTES);
            }
            if (f.has("scales")) {
                declaredScales = r.idMap(f.get("scales"), "scales", "scale").keySet();
                localScales = Definitions.scales(r, f.get("scales"));
            }
            if (f.has("constructs")) {
                declaredConstructs = r.idMap(f.get("constructs"), "constructs", "construct").keySet();
                localConstructs = Definitions.constructs(r, f.get("constructs"));
            }

            List<Draft> drafts = new ArrayList<>();
            List<List<Draft>> bySection = new ArrayList<>();
            List<String> sectionIds = new ArrayList<>();
            List<LocalizedText> sectionTitles = new ArrayList<>();
            Map<String, Integer> seenSections = new HashMap<>();
            List<Node> sectionNodes = r.list(f, "sections", "sections");
            for (int i = 0; i < sectionNodes.size(); i++) {
                Node sn = sectionNodes.get(i);
                String where = "sections[" + i + "]";
                YamlReader.Fields sf = r.fields(sn, where, SECTION_KEYS, Set.of("id", "items"));
                String id = r.string(sf, "id", where);
                if (id != null) {
                    where = "section " + id;
                    if (!YamlReader.ID.matcher(id).matches()) {
                        r.add(sf.line("id"), where, "invalid section id (use lower-case letters, digits and '_')");
                    }
                    Integer first = seenSections.putIfAbsent(id, sf.line("id"));
                    if (first != null) {
                        r.add(sf.line("id"), where, "duplicate section id (first at line " + first + ")");
                    }
                }
                LocalizedText st = r.text(sf, "title", where, false);
                List<Node> itemNodes = r.list(sf, "items", where);
                if (sf.has("items") && itemNodes.isEmpty()) {
                    r.add(sf.line("items"), where, "a section needs at least one item");
                }
                List<Draft> sectionDrafts = new ArrayList<>();
                for (int j = 0; j < itemNodes.size(); j++) {
                    Draft d = item(itemNodes.get(j), where + ".items[" + j + "]");
                    drafts.add(d);
                    sectionDrafts.add(d);
                }
                bySection.add(sectionDrafts);
                sectionIds.add(id == null ? "s" + (i + 1) : id);
                sectionTitles.add(st);
            }
            if (drafts.isEmpty()) {
                r.add(f.line("sections"), "sections", "the questionnaire has no items");
            }

            crossCheck(drafts);

            if (!r.ok()) {
                throw new QuestionnaireException(r.problems());
            }
            Map<String, ResponseScale> usedScales = new LinkedHashMap<>();
            Map<String, Construct> usedConstructs = new LinkedHashMap<>();
            List<Section> sections = new ArrayList<>();
            for (int i = 0; i < bySection.size(); i++) {
                List<Item> items = new ArrayList<>();
                for (Draft d : bySection.get(i)) {
                    if (d.resolvedScale != null) {
                        usedScales.put(d.scale, d.resolvedScale);
                    }
                    if (d.resolvedConstruct != null) {
                        usedConstructs.put(d.construct, d.resolvedConstruct);
                    }
                    ShowIf showIf = d.showIfItem == null ? null : new ShowIf(d.showIfItem, d.showIfValues);
                    items.add(new Item(d.id, d.type, d.text, d.help, d.required, d.scale, d.construct, d.reverse,
                            d.options, d.min, d.max, d.maxLength, showIf, d.gapPair, d.gapSide, d.display,
                            d.resolvedSupport, d.resolvedReport));
                }
                sections.add(new Section(sectionIds.get(i), sectionTitles.get(i), items));
            }
            return new Questionnaire(key, title, intro, respondent, minutes, usedScales, usedConstructs, sections);
        }

        Draft item(Node node, String path) {
            Draft d = new Draft();
            d.where = path;
            String peeked = peekId(node);
            d.f = r.fields(node, peeked == null ? path : "item " + peeked, ITEM_KEYS, Set.of("id", "type", "text"));
            YamlReader.Fields f = d.f;
            d.id = r.string(f, "id", path);
            if (d.id != null) {
                d.where = "item " + d.id;
                if (!YamlReader.ID.matcher(d.id).matches()) {
                    r.add(f.line("id"), d.where,
                            "invalid item id (use lower-case letters, digits and '_', starting with a letter)");
                }
            }
            String w = d.where;
            d.type = r.enumValue(f, "type", w, ItemType.class);
            d.text = r.text(f, "text", w, true);
            d.help = r.text(f, "help", w, false);
            Boolean required = r.bool(f, "required", w);
            d.required = required != null && required;
            d.scale = r.string(f, "scale", w);
            d.construct = r.string(f, "construct", w);
            Boolean reverse = r.bool(f, "reverse", w);
            d.reverse = reverse != null && reverse;
            d.min = r.integer(f, "min", w);
            d.max = r.integer(f, "max", w);
            d.maxLength = r.integer(f, "maxLength", w);
            d.gapPair = r.string(f, "gapPair", w);
            if (d.gapPair != null && !YamlReader.ID.matcher(d.gapPair).matches()) {
                r.add(f.line("gapPair"), w, "invalid gapPair id (use lower-case letters, digits and '_')");
            }
            d.gapSide = r.enumValue(f, "gapSide", w, GapSide.class);
            d.display = r.string(f, "display", w);
            if (d.display != null && !Definitions.DISPLAYS.contains(d.display)) {
                r.add(f.line("display"), w, "unknown display '" + d.display + "' (use buttons or faces)");
                d.display = null;
            }
            options(d);
            showIf(d);
            support(d);
            report(d);

            if (d.type == null) {
                return d;
            }
            String typeName = d.type.name().toLowerCase(Locale.ROOT);
            boolean choice = d.type == ItemType.SINGLE || d.type == ItemType.MULTIPLE;
            if (d.type == ItemType.LIKERT && !f.has("scale")) {
                r.add(f.line("type"), w, "a likert item needs a 'scale'");
            }
            if (d.type != ItemType.LIKERT && f.has("scale")) {
                r.add(f.line("scale"), w, "'scale' is only for likert items, not " + typeName);
            }
            if (choice && !f.has("options")) {
                r.add(f.line("type"), w, "a " + typeName + " item needs 'options'");
            } else if (choice && d.options.size() < 2 && f.has("options")) {
                r.add(f.line("options"), w, "a " + typeName + " item needs at least 2 options");
            }
            if (!choice && f.has("options")) {
                r.add(f.line("options"), w, "'options' are only for single and multiple items, not " + typeName);
            }
            if (d.type == ItemType.SINGLE && d.options.size() >= 2 && d.options.stream().allMatch(ChoiceOption::exclusive)) {
                r.add(f.line("options"), w, "not every option can be exclusive");
            }
            if (d.type == ItemType.NUMBER) {
                if (!f.has("min")) {
                    r.add(f.line("type"), w, "a number item needs 'min'");
                }
                if (!f.has("max")) {
                    r.add(f.line("type"), w, "a number item needs 'max'");
                }
                if (d.min != null && d.max != null && d.min > d.max) {
                    r.add(f.line("min"), w, "min (" + d.min + ") is greater than max (" + d.max + ")");
                }
            } else {
                for (String k : List.of("min", "max")) {
                    if (f.has(k)) {
                        r.add(f.line(k), w, "'" + k + "' is only for number items, not " + typeName);
                    }
                }
            }
            if (d.type == ItemType.TEXT) {
                if (!f.has("maxLength")) {
                    r.add(f.line("type"), w, "a text item needs 'maxLength' (1.." + MAX_TEXT_LENGTH + ")");
                } else if (d.maxLength != null && (d.maxLength < 1 || d.maxLength > MAX_TEXT_LENGTH)) {
                    r.add(f.line("maxLength"), w, "maxLength must be between 1 and " + MAX_TEXT_LENGTH);
                }
            } else if (f.has("maxLength")) {
                r.add(f.line("maxLength"), w, "'maxLength' is only for text items, not " + typeName);
            }
            if (d.type != ItemType.LIKERT && f.has("display")) {
                r.add(f.line("display"), w, "'display' is only for likert items, not " + typeName);
            }
            if (d.support != null && d.type != ItemType.LIKERT && !choice) {
                r.add(f.line("support"), w, "a support message follows answers of likert, single or multiple items, not "
                        + typeName);
            }
            if (d.reverse) {
                if (d.type != ItemType.LIKERT) {
                    r.add(f.line("reverse"), w, "reverse key on a non-likert item (only likert items are scored)");
                } else if (!f.has("construct")) {
                    r.add(f.line("reverse"), w, "reverse key on an item without a construct");
                }
            }
            return d;
        }

        /** The id of an item mapping before it is validated, so that early problems can name it. */
        static String peekId(Node node) {
            if (node instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
                for (org.yaml.snakeyaml.nodes.NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals("id")
                            && t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode v
                            && !v.getValue().isBlank()) {
                        return v.getValue().strip();
                    }
                }
            }
            return null;
        }

        void options(Draft d) {
            if (!d.f.has("options")) {
                return;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Node on : r.list(d.f, "options", d.where)) {
                YamlReader.Fields of = r.fields(on, d.where, OPTION_KEYS, Set.of("value"));
                String value = r.string(of, "value", d.where);
                LocalizedText label = r.inlineText(of, d.where, "option " + (value == null ? "" : "'" + value + "'"));
                Boolean exclusive = r.bool(of, "exclusive", d.where);
                if (value == null) {
                    continue;
                }
                if (!YamlReader.VALUE.matcher(value).matches()) {
                    r.add(of.line("value"), d.where, "invalid option value '" + value
                            + "' (use letters, digits, '_' and '-')");
                }
                if (!seen.add(value)) {
                    r.add(of.line("value"), d.where, "option value '" + value + "' is listed twice");
                    continue;
                }
                if (label != null) {
                    d.options.add(new ChoiceOption(value, label, exclusive != null && exclusive));
                }
            }
        }

        void showIf(Draft d) {
            if (!d.f.has("showIf")) {
                return;
            }
            YamlReader.Fields sf = r.fields(d.f.get("showIf"), d.where, SHOW_IF_KEYS, Set.of("item", "anyOf"));
            d.showIfItem = r.string(sf, "item", d.where);
            List<Node> values = r.list(sf, "anyOf", d.where);
            if (sf.has("anyOf") && values.isEmpty()) {
                r.add(sf.line("anyOf"), d.where, "showIf 'anyOf' must list at least one value");
            }
            scalars(values, d.where, "a showIf value", d.showIfValues, d.showIfValueNodes);
        }

        /** The values of a showIf or support list, each kept with its node for the line of a later problem. */
        void scalars(List<Node> nodes, String where, String what, List<String> values, List<Node> valueNodes) {
            for (Node v : nodes) {
                String s = r.scalar(v, where, what);
                if (s != null) {
                    values.add(s);
                    valueNodes.add(v);
                }
            }
        }

        void support(Draft d) {
            if (!d.f.has("support")) {
                return;
            }
            YamlReader.Fields sf = r.fields(d.f.get("support"), d.where, SUPPORT_KEYS, Set.of("text"));
            d.support = sf;
            d.supportText = r.text(sf, "text", d.where, false);
            if (sf.has("atOrAbove") == sf.has("anyOf")) {
                r.add(d.line("support"), d.where, "a support message needs either 'atOrAbove' (one value) or 'anyOf'"
                        + " (a list of values)");
                return;
            }
            d.supportAtOrAbove = sf.has("atOrAbove");
            List<Node> values = d.supportAtOrAbove ? List.of(sf.get("atOrAbove")) : r.list(sf, "anyOf", d.where);
            if (sf.has("anyOf") && values.isEmpty()) {
                r.add(sf.line("anyOf"), d.where, "support 'anyOf' must list at least one value");
            }
            scalars(values, d.where, "a support value", d.supportValues, d.supportValueNodes);
        }

        /** The {@code report:} key as written; checked against the item's answers in {@link #resolveReport}. */
        void report(Draft d) {
            if (!d.f.has("report")) {
                return;
            }
            YamlReader.Fields rf = r.fields(d.f.get("report"), d.where, REPORT_KEYS, Set.of("safety"));
            d.report = rf;
            d.safety = r.enumValue(rf, "safety", d.where, ReportMark.Safety.class);
        }

        ResponseScale scale(String id) {
            ResponseScale s = localScales.get(id);
            return s != null ? s : catalogue.scales().get(id);
        }

        Construct construct(String id) {
            Construct c = localConstructs.get(id);
            return c != null ? c : catalogue.constructs().get(id);
        }

        void crossCheck(List<Draft> drafts) {
            Map<String, Integer> position = new HashMap<>();
            Map<String, Integer> firstLine = new HashMap<>();
            for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                if (d.id == null) {
                    continue;
                }
                Integer first = firstLine.putIfAbsent(d.id, d.line("id"));
                if (first != null) {
                    r.add(d.line("id"), d.where, "duplicate item id (first at line " + first + ")");
                } else {
                    position.put(d.id, i);
                }
            }
            Map<String, List<Draft>> pairs = new LinkedHashMap<>();
            for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                String w = d.where;
                if (d.scale != null && d.type == ItemType.LIKERT) {
                    d.resolvedScale = scale(d.scale);
                    if (d.resolvedScale == null && !declaredScales.contains(d.scale)) {
                        r.add(d.line("scale"), w, "unknown response scale '" + d.scale + "'");
                    }
                }
                if (d.construct != null) {
                    d.resolvedConstruct = construct(d.construct);
                    if (d.resolvedConstruct == null && !declaredConstructs.contains(d.construct)) {
                        r.add(d.line("construct"), w, "unknown construct '" + d.construct + "'");
                    }
                }
                constructFit(d);
                if (d.gapPair != null && d.gapSide == null && !d.f.has("gapSide")) {
                    r.add(d.line("gapPair"), w, "gapPair without gapSide (now or ideal)");
                }
                if (d.gapSide != null && d.gapPair == null && !d.f.has("gapPair")) {
                    r.add(d.line("gapSide"), w, "gapSide without gapPair");
                }
                if (d.gapPair != null) {
                    pairs.computeIfAbsent(d.gapPair, k -> new ArrayList<>()).add(d);
                }
                if (d.showIfItem != null) {
                    showIfTarget(d, i, position, drafts);
                }
                facesRule(d);
                resolveSupport(d);
                resolveReport(d);
            }
            for (Map.Entry<String, List<Draft>> e : pairs.entrySet()) {
                List<Draft> pair = e.getValue();
                long now = pair.stream().filter(d -> d.gapSide == GapSide.NOW).count();
                long ideal = pair.stream().filter(d -> d.gapSide == GapSide.IDEAL).count();
                Draft first = pair.getFirst();
                String w = first.where;
                if (now == 0 && pair.stream().allMatch(d -> d.gapSide != null)) {
                    r.add(first.line("gapPair"), w, "gap pair '" + e.getKey() + "' lacks its 'now' twin");
                }
                if (ideal == 0 && pair.stream().allMatch(d -> d.gapSide != null)) {
                    r.add(first.line("gapPair"), w, "gap pair '" + e.getKey() + "' lacks its 'ideal' twin");
                }
                if (pair.size() > 2 || now > 1 || ideal > 1) {
                    r.add(pair.get(1).line("gapPair"), pair.get(1).where,
                            "gap pair '" + e.getKey() + "' must have exactly one 'now' and one 'ideal' item");
                }
                for (Draft d : pair.subList(1, pair.size())) {
                    if (first.construct != null && d.construct != null && !first.construct.equals(d.construct)) {
                        r.add(d.line("construct"), d.where, "both items of gap pair '" + e.getKey()
                                + "' must measure the same construct");
                    }
                    if (first.scale != null && d.scale != null && !first.scale.equals(d.scale)) {
                        r.add(d.line("scale"), d.where, "both items of gap pair '" + e.getKey()
                                + "' must use the same scale");
                    }
                }
            }
        }

        /** The item type and pairing a construct's index kind requires. */
        void constructFit(Draft d) {
            Construct c = d.resolvedConstruct;
            String w = d.where;
            boolean gapConstruct = c != null && c.index() == IndexKind.GAP;
            if (d.gapPair != null && c != null && !gapConstruct) {
                r.add(d.line("gapPair"), w, "gapPair on an item whose construct '" + c.id() + "' is not of index gap");
            } else if (d.gapPair != null && d.construct == null) {
                r.add(d.line("gapPair"), w, "gapPair on an item without a construct of index gap");
            }
            if (c == null || d.type == null) {
                return;
            }
            if (gapConstruct && d.gapPair == null && !d.f.has("gapPair")) {
                r.add(d.line("construct"), w, "an item of gap construct '" + c.id() + "' needs gapPair and gapSide");
            }
            if (c.index() == IndexKind.CONTEXT) {
                if (d.type != ItemType.SINGLE) {
                    r.add(d.line("construct"), w, "context construct '" + c.id()
                            + "' is coded from single-choice items only");
                    return;
                }
                Integer previous = null;
                for (ChoiceOption o : d.options) {
                    if (o.exclusive()) {
                        continue;
                    }
                    if (!YamlReader.INTEGER.matcher(o.value()).matches()) {
                        r.add(d.line("options"), w, "option '" + o.value() + "' of a context item must be a whole-number"
                                + " code (or exclusive, like 'prefer not to say')");
                        continue;
                    }
                    int v = Integer.parseInt(o.value());
                    if (previous != null && v <= previous) {
                        r.add(d.line("options"), w, "codes of a context item must increase down the list");
                    }
                    previous = v;
                }
                if (d.options.stream().noneMatch(ChoiceOption::exclusive)) {
                    r.add(d.line("options"), w, "a context item needs an exclusive 'prefer not to say' option");
                }
            } else if (d.type != ItemType.LIKERT) {
                r.add(d.line("construct"), w, "construct '" + c.id() + "' is scored from likert items; this item is "
                        + d.type.name().toLowerCase(Locale.ROOT));
            }
        }

        /**
         * A face display only where the smiling face is the favourable answer: a child who is hurt
         * must never have to tap a smile. Reverse-keyed and unkeyed items are drawn as labelled buttons.
         */
        void facesRule(Draft d) {
            ResponseScale s = d.resolvedScale;
            if (s == null || !"faces".equals(d.display == null ? s.display() : d.display)) {
                return;
            }
            String w = d.where;
            if (d.reverse) {
                r.addForNewFiles(d.line("reverse"), w, FACES_RULE + "this item is reverse-keyed, so its smiling face '"
                        + s.points().getLast().label().en() + "' is the unfavourable answer (add 'display: buttons'"
                        + " or reword the item so that agreeing is favourable)");
            } else if (d.construct == null) {
                r.addForNewFiles(d.line(d.f.has("display") ? "display" : "scale"), w, FACES_RULE + "this item has no construct,"
                        + " so no answer is known to be favourable (add 'display: buttons')");
            } else if (d.display != null && !s.smilesOnFavourable()) {
                r.addForNewFiles(d.line("display"), w, FACES_RULE + "the smiling faces of scale '" + s.id()
                        + "' are not its favourable points " + s.favourable());
            }
        }

        /** The support's values checked against the item's answers, atOrAbove spelled out as the list it means. */
        void resolveSupport(Draft d) {
            if (d.supportText == null || d.supportValues.isEmpty() || d.type == null) {
                return;
            }
            List<String> answers = new ArrayList<>();
            List<Boolean> exclusive = new ArrayList<>();
            if (!answersOf(d, answers, exclusive)) {
                return;
            }
            String what = what(d);
            List<String> shownAfter = new ArrayList<>();
            for (int k = 0; k < d.supportValues.size(); k++) {
                String v = d.supportValues.get(k);
                String canonical = canonical(d, v);
                int at = answers.indexOf(canonical);
                int line = YamlReader.line(d.supportValueNodes.get(k));
                if (at < 0) {
                    r.add(line, d.where, "support value '" + v + "' is not " + what + " of this item");
                } else if (d.supportAtOrAbove && exclusive.get(at)) {
                    r.add(line, d.where, "support 'atOrAbove' names the exclusive option '" + v
                            + "'; name the first answer that should show the message");
                } else if (d.supportAtOrAbove) {
                    shownAfter.addAll(fromOn(answers, exclusive, at));
                } else if (!shownAfter.contains(canonical)) {
                    shownAfter.add(canonical);
                }
            }
            if (!shownAfter.isEmpty()) { // any problem above fails the whole file, so a partial list is never used
                d.resolvedSupport = new Support(shownAfter, d.supportText);
            }
        }

        /** The answers of a likert, single or multiple item in order, with whether each is exclusive; false for other items. */
        boolean answersOf(Draft d, List<String> answers, List<Boolean> exclusive) {
            if (d.type == ItemType.LIKERT) {
                if (d.resolvedScale == null) {
                    return false;
                }
                d.resolvedScale.points().forEach(p -> {
                    answers.add(String.valueOf(p.value()));
                    exclusive.add(false);
                });
                return true;
            }
            if (d.type == ItemType.SINGLE || d.type == ItemType.MULTIPLE) {
                d.options.forEach(o -> {
                    answers.add(o.value());
                    exclusive.add(o.exclusive());
                });
                return true;
            }
            return false;
        }

        static String what(Draft d) {
            return d.type == ItemType.LIKERT ? "a point of the scale '" + d.scale + "'" : "an option";
        }

        /** A scale point as the answers write it ({@code +3} and {@code 03} are 3); an option as it is. */
        static String canonical(Draft d, String v) {
            return d.type == ItemType.LIKERT && YamlReader.INTEGER.matcher(v).matches()
                    ? String.valueOf(Integer.parseInt(v.startsWith("+") ? v.substring(1) : v)) : v;
        }

        /** An "at or above" answer spelled out: it and every later answer that is not exclusive. */
        static List<String> fromOn(List<String> answers, List<Boolean> exclusive, int at) {
            List<String> out = new ArrayList<>();
            for (int j = at; j < answers.size(); j++) {
                if (!exclusive.get(j)) {
                    out.add(answers.get(j));
                }
            }
            return out;
        }

        /**
         * The {@code report:} mark checked against the item: {@code safety: hurt} on a single or
         * likert item with {@code hurtAtOrAbove} (and optionally {@code flagAtOrAbove}, not before
         * it), each a non-exclusive answer of the item; {@code safety: where} on a multiple item,
         * with neither.
         */
        void resolveReport(Draft d) {
            if (d.report == null || d.safety == null || d.type == null) {
                return;
            }
            YamlReader.Fields rf = d.report;
            String w = d.where;
            String typeName = d.type.name().toLowerCase(Locale.ROOT);
            if (d.safety == ReportMark.Safety.WHERE) {
                if (d.type != ItemType.MULTIPLE) {
                    r.add(rf.line("safety"), w, "'safety: where' is for multiple items (the places chosen), not " + typeName);
                }
                for (String k : List.of("hurtAtOrAbove", "flagAtOrAbove")) {
                    if (rf.has(k)) {
                        r.add(rf.line(k), w, "'" + k + "' is only for 'safety: hurt'");
                    }
                }
                // any problem above fails the whole file, so this mark is never used then
                d.resolvedReport = new ReportMark(ReportMark.Safety.WHERE, List.of(), List.of());
                return;
            }
            if (d.type != ItemType.SINGLE && d.type != ItemType.LIKERT) {
                r.add(rf.line("safety"), w, "'safety: hurt' is for single or likert items (how often), not " + typeName);
                return;
            }
            if (!rf.has("hurtAtOrAbove")) {
                r.add(d.line("report"), w, "'safety: hurt' needs 'hurtAtOrAbove' (the first answer that means being hurt)");
                return;
            }
            List<String> answers = new ArrayList<>();
            List<Boolean> exclusive = new ArrayList<>();
            if (!answersOf(d, answers, exclusive)) {
                return;
            }
            int hurt = reportAnswer(d, rf, "hurtAtOrAbove", answers, exclusive);
            int flag = rf.has("flagAtOrAbove") ? reportAnswer(d, rf, "flagAtOrAbove", answers, exclusive) : -1;
            if (hurt >= 0 && flag >= 0 && flag < hurt) {
                r.add(rf.line("flagAtOrAbove"), w, "'flagAtOrAbove' must not come before 'hurtAtOrAbove'");
                return;
            }
            if (hurt >= 0 && (flag >= 0 || !rf.has("flagAtOrAbove"))) {
                d.resolvedReport = new ReportMark(ReportMark.Safety.HURT, fromOn(answers, exclusive, hurt),
                        flag < 0 ? List.of() : fromOn(answers, exclusive, flag));
            }
        }

        /** The position of a report answer among the item's answers, or -1 after reporting why it is not one. */
        int reportAnswer(Draft d, YamlReader.Fields rf, String key, List<String> answers, List<Boolean> exclusive) {
            String v = r.scalar(rf.get(key), d.where, "'" + key + "'");
            if (v == null) {
                return -1;
            }
            int at = answers.indexOf(canonical(d, v));
            if (at < 0) {
                r.add(rf.line(key), d.where, "'" + key + "' value '" + v + "' is not " + what(d) + " of this item");
            } else if (exclusive.get(at)) {
                r.add(rf.line(key), d.where, "'" + key + "' names the exclusive option '" + v
                        + "'; name the first answer that counts");
                return -1;
            }
            return at;
        }

        void showIfTarget(Draft d, int index, Map<String, Integer> position, List<Draft> drafts) {
            String w = d.where;
            int line = d.line("showIf");
            Integer at = position.get(d.showIfItem);
            if (at == null) {
                r.add(line, w, "showIf names unknown item '" + d.showIfItem + "'");
                return;
            }
            if (at >= index) {
                r.add(line, w, "showIf must name an earlier item; '" + d.showIfItem + "' is not before this one");
                return;
            }
            Draft target = drafts.get(at);
            if (target.type == null) {
                return;
            }
            for (int k = 0; k < d.showIfValues.size(); k++) {
                String v = d.showIfValues.get(k);
                int vLine = YamlReader.line(d.showIfValueNodes.get(k));
                switch (target.type) {
                    case SINGLE, MULTIPLE -> {
                        if (!target.options.isEmpty() && target.options.stream().noneMatch(o -> o.value().equals(v))) {
                            r.add(vLine, w, "showIf value '" + v + "' is not an option of item '" + target.id + "'");
                        }
                    }
                    case LIKERT -> {
                        ResponseScale s = target.scale == null ? null : scale(target.scale);
                        boolean isInt = YamlReader.INTEGER.matcher(v).matches();
                        if (!isInt || (s != null && !s.hasValue(Integer.parseInt(v)))) {
                            r.add(vLine, w, "showIf value '" + v + "' is not a point of the scale of item '"
                                    + target.id + "'");
                        }
                    }
                    default -> {
                        r.add(line, w, "showIf target '" + target.id + "' is a "
                                + target.type.name().toLowerCase(Locale.ROOT)
                                + " item; use a single, multiple or likert item");
                        return;
                    }
                }
            }
        }
    }
}
