package org.uklad.questionnaires;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The shared constructs and response scales that questionnaire files may name without declaring
 * them. Declared in catalogue files with top-level keys {@code constructs:} and/or {@code scales:}
 * (see README.md). An id may be declared only once across all catalogue files.
 */
public final class Catalogue {

    private static final Catalogue EMPTY = new Catalogue(Map.of(), Map.of());

    private final Map<String, Construct> constructs;
    private final Map<String, ResponseScale> scales;

    private Catalogue(Map<String, Construct> constructs, Map<String, ResponseScale> scales) {
        this.constructs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constructs));
        this.scales = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scales));
    }

    /** Constructs by id, in declaration order. */
    public Map<String, Construct> constructs() {
        return constructs;
    }

    /** Response scales by id, in declaration order. */
    public Map<String, ResponseScale> scales() {
        return scales;
    }

    public Optional<Construct> construct(String id) {
        return Optional.ofNullable(constructs.get(id));
    }

    public Optional<ResponseScale> scale(String id) {
        return Optional.ofNullable(scales.get(id));
    }

    public static Catalogue empty() {
        return EMPTY;
    }

    /** Parses and validates catalogue files; every problem in every file is reported at once. */
    public static Catalogue parse(List<SourceFile> files) throws QuestionnaireException {
        return parse(files, false);
    }

    /** Reads the catalogue kept beside a stored version, without the rules for new files only. */
    public static Catalogue parseStored(List<SourceFile> files) throws QuestionnaireException {
        return parse(files, true);
    }

    private static Catalogue parse(List<SourceFile> files, boolean stored) throws QuestionnaireException {
        Map<String, Construct> constructs = new LinkedHashMap<>();
        Map<String, ResponseScale> scales = new LinkedHashMap<>();
        Map<String, String> constructFrom = new LinkedHashMap<>();
        Map<String, String> scaleFrom = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (SourceFile file : files) {
            if (IdentificationRules.isRulesFile(file.name())) {
                continue; // the identification rules live beside the catalogue, not in it
            }
            YamlReader r = new YamlReader(file.name(), stored);
            Node root = r.compose(file.text());
            if (root != null) {
                YamlReader.Fields f = r.fields(root, "", Set.of("constructs", "scales"), Set.of());
                if (!f.has("constructs") && !f.has("scales") && r.ok()) {
                    r.add(root, "", "a catalogue file declares 'constructs' and/or 'scales'");
                }
                if (f.has("constructs")) {
                    Map<String, Node> nodes = YamlReader.keyNodes(f.get("constructs"));
                    for (Map.Entry<String, Construct> e : Definitions.constructs(r, f.get("constructs")).entrySet()) {
                        String other = constructFrom.putIfAbsent(e.getKey(), file.name());
                        if (other != null) {
                            r.add(nodes.get(e.getKey()), "construct " + e.getKey(),
                                    "construct already declared in " + other);
                        } else {
                            constructs.put(e.getKey(), e.getValue());
                        }
                    }
                }
                if (f.has("scales")) {
                    Map<String, Node> nodes = YamlReader.keyNodes(f.get("scales"));
                    for (Map.Entry<String, ResponseScale> e : Definitions.scales(r, f.get("scales")).entrySet()) {
                        String other = scaleFrom.putIfAbsent(e.getKey(), file.name());
                        if (other != null) {
                            r.add(nodes.get(e.getKey()), "scale " + e.getKey(), "scale already declared in " + other);
                        } else {
                            scales.put(e.getKey(), e.getValue());
                        }
                    }
                }
            }
            problems.addAll(r.problems());
        }
        if (!problems.isEmpty()) {
            throw new QuestionnaireException(problems);
        }
        return new Catalogue(constructs, scales);
    }

    @Override
    public String toString() {
        return "Catalogue[constructs=" + constructs.keySet() + ", scales=" + scales.keySet() + "]";
    }
}
