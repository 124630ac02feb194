package org.uklad.questionnaires;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks a YAML file against one of the JSON Schemas in {@code schema/}. Used by {@link Validate}
 * and the tests; needs the optional json-schema-validator dependency, so the app never loads it.
 * Plain scalars are typed as the Java parser reads them: whole numbers are integers, exactly
 * {@code true}/{@code false} are booleans, everything else is a string.
 */
final class SchemaCheck {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    private final JsonSchema schema;

    /** The schemas' own ids start with this; it is mapped to the schema folder, never fetched. */
    static final String ID_PREFIX = "https://uklad.invalid/schema/";

    /** Loads {@code name} (e.g. {@code questionnaire.schema.json}) from a schema folder on disk. */
    SchemaCheck(Path schemaDir, String name) {
        String folder = schemaDir.toAbsolutePath().normalize().toUri().toString();
        String base = folder.endsWith("/") ? folder : folder + "/";
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, base)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        this.schema = factory.getSchema(SchemaLocation.of(ID_PREFIX + name), config);
        this.schema.initializeValidators();
    }

    List<Problem> check(SourceFile file) {
        YamlReader r = new YamlReader(file.name());
        Node root = r.compose(file.text());
        if (root == null) {
            return r.problems();
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode json = toJson(root, "", lines);
        List<Problem> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(json)) {
            String path = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
            String message = m.getMessage();
            if (message.startsWith(path + ": ")) {
                message = message.substring(path.length() + 2);
            }
            int line = lineOf(path, lines);
            if (m.getProperty() != null && lines.containsKey(path + "/" + m.getProperty())) {
                line = lines.get(path + "/" + m.getProperty());
            }
            out.add(new Problem(file.name(), line, "schema " + (path.isEmpty() ? "/" : path), message));
        }
        out.sort(java.util.Comparator.comparingInt(Problem::line));
        return out;
    }

    private static int lineOf(String path, Map<String, Integer> lines) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 0;
            }
            p = p.substring(0, slash);
        }
    }

    static JsonNode toJson(Node node, String path, Map<String, Integer> lines) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        lines.put(path, YamlReader.line(node));
        if (node instanceof MappingNode map) {
            ObjectNode o = f.objectNode();
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                String child = path + "/" + key.replace("~", "~0").replace("/", "~1");
                o.set(key, toJson(t.getValueNode(), child, lines));
                lines.put(child, YamlReader.line(t.getKeyNode()));
            }
            return o;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode a = f.arrayNode();
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                a.add(toJson(items.get(i), path + "/" + i, lines));
            }
            return a;
        }
        ScalarNode s = (ScalarNode) node;
        String v = s.getValue();
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return f.textNode(v);
        }
        if (v.isEmpty() || v.equals("null") || v.equals("~")) {
            return f.nullNode();
        }
        if (v.equals("true") || v.equals("false")) {
            return f.booleanNode(Boolean.parseBoolean(v));
        }
        if (INTEGER.matcher(v).matches()) {
            try {
                return f.numberNode(Long.parseLong(v.startsWith("+") ? v.substring(1) : v));
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        return f.textNode(v);
    }
}
