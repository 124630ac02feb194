package org.uklad.questionnaires;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Parses construct and response-scale definitions, shared by catalogue and questionnaire files. */
final class Definitions {

    static final Set<String> CONSTRUCT_KEYS = Set.of("title", "domain", "index", "definition");
    static final Set<String> SCALE_KEYS = Set.of("display", "points", "favourable");
    static final Set<String> POINT_KEYS = Set.of("value", "ru", "en");
    static final Set<String> DISPLAYS = Set.of("buttons", "faces");

    private Definitions() {}

    static Map<String, Construct> constructs(YamlReader r, Node node) {
        Map<String, Construct> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : r.idMap(node, "constructs", "construct").entrySet()) {
            Construct c = construct(r, e.getKey(), e.getValue());
            if (c != null) {
                out.put(c.id(), c);
            }
        }
        return out;
    }

    static Construct construct(YamlReader r, String id, Node node) {
        String where = "construct " + id;
        YamlReader.Fields f = r.fields(node, where, CONSTRUCT_KEYS, Set.of("title", "domain", "index"));
        LocalizedText title = r.text(f, "title", where, true);
        Domain domain = r.enumValue(f, "domain", where, Domain.class);
        IndexKind index = r.enumValue(f, "index", where, IndexKind.class);
        LocalizedText definition = r.text(f, "definition", where, false);
        if (domain != null && index != null && (domain == Domain.CONTEXT) != (index == IndexKind.CONTEXT)) {
            r.add(f.line("index"), where, "index 'context' goes with domain 'context' and only with it");
        }
        if (title == null || domain == null || index == null) {
            return null;
        }
        return new Construct(id, title, domain, index, definition);
    }

    static Map<String, ResponseScale> scales(YamlReader r, Node node) {
        Map<String, ResponseScale> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : r.idMap(node, "scales", "scale").entrySet()) {
            ResponseScale s = scale(r, e.getKey(), e.getValue());
            if (s != null) {
                out.put(s.id(), s);
            }
        }
        return out;
    }

    static ResponseScale scale(YamlReader r, String id, Node node) {
        String where = "scale " + id;
        int before = r.problems().size();
        YamlReader.Fields f = r.fields(node, where, SCALE_KEYS, Set.of("points", "favourable"));
        String display = r.string(f, "display", where);
        if (display == null) {
            display = "buttons";
        } else if (!DISPLAYS.contains(display)) {
            r.add(f.line("display"), where, "unknown display '" + display + "' (use buttons or faces)");
        }
        List<ScalePoint> points = new ArrayList<>();
        List<Node> pointNodes = r.list(f, "points", where);
        if (f.has("points") && pointNodes.size() < 2) {
            r.add(f.line("points"), where, "a scale needs at least 2 points");
        }
        Integer previous = null;
        for (Node p : pointNodes) {
            YamlReader.Fields pf = r.fields(p, where, POINT_KEYS, Set.of("value"));
            Integer value = r.integer(pf, "value", where);
            LocalizedText label = r.inlineText(pf, where, "a scale point");
            if (value != null) {
                if (previous != null && value <= previous) {
                    r.add(pf.line("value"), where, "point values must be strictly increasing (" + value
                            + " follows " + previous + ")");
                }
                previous = value;
            }
            if (value != null && label != null) {
                points.add(new ScalePoint(value, label));
            }
        }
        List<Integer> favourable = new ArrayList<>();
        List<Node> favNodes = r.list(f, "favourable", where);
        if (f.has("favourable") && favNodes.isEmpty()) {
            r.add(f.line("favourable"), where, "'favourable' must list at least one value");
        }
        for (Node n : favNodes) {
            Integer v = r.integer(n, where, "a favourable value");
            if (v == null) {
                continue;
            }
            if (points.stream().noneMatch(p -> p.value() == v)) {
                r.add(n, where, "favourable value " + v + " is not a point of the scale");
            } else if (favourable.contains(v)) {
                r.add(n, where, "favourable value " + v + " is listed twice");
            } else {
                favourable.add(v);
            }
        }
        if (r.problems().size() > before || points.size() < 2) {
            return null;
        }
        ResponseScale scale = new ResponseScale(id, points, favourable, display);
        if ("faces".equals(display) && !scale.smilesOnFavourable()) {
            r.addForNewFiles(f.line("favourable"), where, QuestionnaireParser.FACES_RULE + "a faces scale smiles on its upper"
                    + " half, so its favourable points must be exactly those; favourable: " + favourable);
        }
        return scale;
    }
}
