package org.uklad.questionnaires;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file as a node tree (so every value keeps its line) and collects problems. Scalars
 * are read as text and interpreted by the caller, so YAML 1.1 oddities ({@code no} as false) do not
 * apply: only {@code true}/{@code false} are booleans.
 */
final class YamlReader {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*");
    static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]+");
    static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    final String source;
    /**
     * Whether the text is a version stored earlier: then the rules for new files only (those added
     * after versions were stored, such as the faces rule) are not applied, because a stored version
     * is never changed and must stay readable with its responses.
     */
    final boolean stored;
    private final List<Problem> problems = new ArrayList<>();

    YamlReader(String source) {
        this(source, false);
    }

    YamlReader(String source, boolean stored) {
        this.source = source;
        this.stored = stored;
    }

    List<Problem> problems() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line));
        return sorted;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void add(int line, String where, String message) {
        Problem p = new Problem(source, line, where, message);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    void add(Node at, String where, String message) {
        add(line(at), where, message);
    }

    /** A problem under a rule for new files only (see {@link #stored}). */
    void addForNewFiles(int line, String where, String message) {
        if (!stored) {
            add(line, where, message);
        }
    }

    static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    /** The single document of the text, or null (with a problem) if it is empty or not valid YAML. */
    Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(5_000_000);
        options.setAllowRecursiveKeys(false);
        try {
            Yaml yaml = new Yaml(new SafeConstructor(options));
            List<Node> docs = new ArrayList<>();
            for (Node doc : yaml.composeAll(new StringReader(text))) {
                docs.add(doc);
            }
            if (docs.isEmpty()) {
                add(0, "", "the file is empty");
                return null;
            }
            if (docs.size() > 1) {
                add(line(docs.get(1)), "", "the file holds more than one YAML document");
            }
            return docs.getFirst();
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            add(line, "", "not valid YAML: " + what);
            return null;
        } catch (YAMLException e) {
            add(0, "", "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    /** The keys and values of a mapping, checked for unknown, duplicate and missing keys. */
    Fields fields(Node node, String where, Set<String> allowed, Set<String> required) {
        Fields f = new Fields(node);
        if (!(node instanceof MappingNode map)) {
            add(node, where, "expected a mapping (key: value lines)");
            return f;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                add(t.getKeyNode(), where, "a key must be plain text");
                continue;
            }
            String key = k.getValue();
            if (f.values.containsKey(key)) {
                add(k, where, "duplicate key '" + key + "'");
                continue;
            }
            if (!allowed.contains(key)) {
                add(k, where, "unknown key '" + key + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                continue;
            }
            f.keys.put(key, k);
            f.values.put(key, t.getValueNode());
        }
        for (String r : required) {
            if (!f.has(r)) {
                add(node, where, "missing '" + r + "'");
            }
        }
        return f;
    }

    /** A mapping whose keys are ids (scales, constructs); reports duplicate keys and id syntax. */
    Map<String, Node> idMap(Node node, String where, String what) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            add(node, where, "expected a mapping of " + what + " ids to definitions");
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                add(t.getKeyNode(), where, "a key must be plain text");
                continue;
            }
            String id = k.getValue();
            if (out.containsKey(id)) {
                add(k, what + " " + id, "duplicate " + what + " id");
                continue;
            }
            if (!ID.matcher(id).matches()) {
                add(k, what + " " + id, "invalid id (use lower-case letters, digits and '_', starting with a letter)");
            }
            out.put(id, t.getValueNode());
        }
        return out;
    }

    /** The key nodes of an id mapping by id (for lines), without reporting anything. */
    static Map<String, Node> keyNodes(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.putIfAbsent(k.getValue(), k);
                }
            }
        }
        return out;
    }

    /** A scalar's text, or null (with a problem if present but not a scalar, or null/empty). */
    String string(Fields f, String key, String where) {
        Node n = f.get(key);
        if (n == null) {
            return null;
        }
        return scalar(n, where, "'" + key + "'");
    }

    String scalar(Node n, String where, String what) {
        if (!(n instanceof ScalarNode s)) {
            add(n, where, what + " must be a single value");
            return null;
        }
        String v = s.getValue();
        if (v == null || v.isBlank() || (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                && (v.equals("null") || v.equals("~")))) {
            add(n, where, what + " is empty");
            return null;
        }
        return withoutControls(n, v, where, what);
    }

    /**
     * The text stripped, or null with a problem if it holds a control character other than a line
     * break or a tab, or half of a surrogate pair: an escape like "\0" gives a character no page
     * can show and the database refuses.
     */
    private String withoutControls(Node n, String v, String where, String what) {
        int bad = v.codePoints().filter(YamlReader::control).findFirst().orElse(-1);
        if (bad >= 0) {
            add(n, where, what + String.format(java.util.Locale.ROOT, " contains the control character U+%04X", bad));
            return null;
        }
        return v.strip();
    }

    /** A control character other than a line break or a tab, or half of a surrogate pair. */
    private static boolean control(int cp) {
        return cp != '\n' && cp != '\t' && (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE);
    }

    Integer integer(Fields f, String key, String where) {
        Node n = f.get(key);
        if (n == null) {
            return null;
        }
        return integer(n, where, "'" + key + "'");
    }

    Integer integer(Node n, String where, String what) {
        String v = scalar(n, where, what);
        if (v == null) {
            return null;
        }
        if (!INTEGER.matcher(v).matches()) {
            add(n, where, what + " must be a whole number, not '" + v + "'");
            return null;
        }
        try {
            return Integer.valueOf(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            add(n, where, what + " is out of range");
            return null;
        }
    }

    Boolean bool(Fields f, String key, String where) {
        Node n = f.get(key);
        if (n == null) {
            return null;
        }
        String v = scalar(n, where, "'" + key + "'");
        if (v == null) {
            return null;
        }
        if (!v.equals("true") && !v.equals("false")) {
            add(n, where, "'" + key + "' must be true or false, not '" + v + "'");
            return null;
        }
        return Boolean.valueOf(v);
    }

    /** An enum constant named in lower case in the file. */
    <E extends Enum<E>> E enumValue(Fields f, String key, String where, Class<E> type) {
        Node n = f.get(key);
        if (n == null) {
            return null;
        }
        String v = scalar(n, where, "'" + key + "'");
        if (v == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(java.util.Locale.ROOT);
            names.add(name);
            if (name.equals(v)) {
                return e;
            }
        }
        add(n, where, "unknown " + key + " '" + v + "' (use one of: " + String.join(", ", names) + ")");
        return null;
    }

    /** A {ru, en} text; both languages are required and non-blank. Returns null if absent or broken. */
    LocalizedText text(Fields f, String key, String where, boolean required) {
        Node n = f.get(key);
        if (n == null) {
            if (required) {
                add(f.node, where, "missing '" + key + "' text (ru and en)");
            }
            return null;
        }
        return text(n, where, "'" + key + "'");
    }

    LocalizedText text(Node n, String where, String what) {
        if (!(n instanceof MappingNode)) {
            add(n, where, what + " must have ru and en texts");
            return null;
        }
        Fields t = fields(n, where, Set.of("ru", "en"), Set.of());
        String ru = langText(t, "ru", where, what);
        String en = langText(t, "en", where, what);
        return ru == null || en == null ? null : new LocalizedText(ru, en);
    }

    /** ru and en texts written inline in a mapping that has other keys too (scale points, options). */
    LocalizedText inlineText(Fields f, String where, String what) {
        String ru = langText(f, "ru", where, what);
        String en = langText(f, "en", where, what);
        return ru == null || en == null ? null : new LocalizedText(ru, en);
    }

    private String langText(Fields f, String lang, String where, String what) {
        Node n = f.get(lang);
        if (n == null) {
            add(f.node, where, "missing " + lang + " text of " + what);
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            add(n, where, lang + " text of " + what + " must be text");
            return null;
        }
        if (s.getValue() == null || s.getValue().isBlank()) {
            add(n, where, "empty " + lang + " text of " + what);
            return null;
        }
        return withoutControls(n, s.getValue(), where, lang + " text of " + what);
    }

    /** A sequence's elements, or an empty list (with a problem if present but not a sequence). */
    List<Node> list(Fields f, String key, String where) {
        Node n = f.get(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode s)) {
            add(n, where, "'" + key + "' must be a list");
            return List.of();
        }
        return s.getValue();
    }

    /** The keys and values of one mapping node, by key. */
    static final class Fields {
        final Node node;
        final Map<String, Node> values = new LinkedHashMap<>();
        final Map<String, Node> keys = new LinkedHashMap<>();

        Fields(Node node) {
            this.node = node;
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        Node get(String key) {
            return values.get(key);
        }

        /** Line of a key, or of the mapping if the key is absent. */
        int line(String key) {
            Node k = keys.get(key);
            return YamlReader.line(k != null ? k : node);
        }
    }
}
