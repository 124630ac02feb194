package org.uklad.questionnaires;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses and validates a focus-group guide file (format: README.md, schema:
 * {@code schema/guide.schema.json}). Checks: known keys only, ru and en everywhere, an opening block
 * first and a closing block last, at least one theme, each theme keyed by a distinct known
 * non-context construct, every block with questions and positive minutes, block minutes summing to
 * the guide's {@code minutes}, unique block and question ids.
 */
public final class GuideParser {

    static final Set<String> ROOT_KEYS = Set.of("key", "title", "respondent", "minutes", "intro", "blocks");
    static final Set<String> BLOCK_KEYS = Set.of("id", "kind", "construct", "title", "minutes", "questions");
    static final Set<String> QUESTION_KEYS = Set.of("id", "text", "probes");

    private GuideParser() {}

    public static FocusGroupGuide parse(SourceFile file, Catalogue catalogue) throws QuestionnaireException {
        Catalogue cat = catalogue == null ? Catalogue.empty() : catalogue;
        YamlReader r = new YamlReader(file.name());
        Node root = r.compose(file.text());
        if (root == null) {
            throw new QuestionnaireException(r.problems());
        }
        YamlReader.Fields f = r.fields(root, "", ROOT_KEYS, ROOT_KEYS);
        String key = r.string(f, "key", "key");
        if (key != null && !YamlReader.KEY.matcher(key).matches()) {
            r.add(f.line("key"), "key", "invalid key '" + key + "' (use lower-case letters, digits and '-')");
        }
        LocalizedText title = r.text(f, "title", "title", true);
        Respondent respondent = r.enumValue(f, "respondent", "respondent", Respondent.class);
        Integer minutes = r.integer(f, "minutes", "minutes");
        if (minutes != null && (minutes < 10 || minutes > QuestionnaireParser.MAX_MINUTES)) {
            r.add(f.line("minutes"), "minutes", "minutes must be between 10 and " + QuestionnaireParser.MAX_MINUTES);
        }
        LocalizedText intro = r.text(f, "intro", "intro", true);

        List<GuideBlock> blocks = new ArrayList<>();
        Map<String, Integer> blockIds = new HashMap<>();
        Map<String, Integer> questionIds = new HashMap<>();
        Map<String, Integer> themeConstructs = new HashMap<>();
        List<Node> blockNodes = r.list(f, "blocks", "blocks");
        int sum = 0;
        boolean sumKnown = true;
        for (int i = 0; i < blockNodes.size(); i++) {
            String where = "blocks[" + i + "]";
            YamlReader.Fields bf = r.fields(blockNodes.get(i), where, BLOCK_KEYS, Set.of("id", "kind", "title", "minutes", "questions"));
            String id = r.string(bf, "id", where);
            if (id != null) {
                where = "block " + id;
                if (!YamlReader.ID.matcher(id).matches()) {
                    r.add(bf.line("id"), where, "invalid block id (use lower-case letters, digits and '_')");
                }
                Integer first = blockIds.putIfAbsent(id, bf.line("id"));
                if (first != null) {
                    r.add(bf.line("id"), where, "duplicate block id (first at line " + first + ")");
                }
            }
            GuideBlock.Kind kind = r.enumValue(bf, "kind", where, GuideBlock.Kind.class);
            String construct = r.string(bf, "construct", where);
            LocalizedText blockTitle = r.text(bf, "title", where, true);
            Integer blockMinutes = r.integer(bf, "minutes", where);
            if (blockMinutes == null) {
                sumKnown = false;
            } else if (blockMinutes < 1) {
                r.add(bf.line("minutes"), where, "a block needs at least 1 minute");
            } else {
                sum += blockMinutes;
            }
            if (kind == GuideBlock.Kind.THEME) {
                if (construct == null && !bf.has("construct")) {
                    r.add(bf.line("kind"), where, "a theme block needs the 'construct' it explores");
                } else if (construct != null) {
                    Construct c = cat.constructs().get(construct);
                    if (c == null) {
                        r.add(bf.line("construct"), where, "unknown construct '" + construct + "'");
                    } else if (c.index() == IndexKind.CONTEXT) {
                        r.add(bf.line("construct"), where, "a theme cannot explore context construct '" + construct + "'");
                    }
                    Integer first = themeConstructs.putIfAbsent(construct, bf.line("construct"));
                    if (first != null) {
                        r.add(bf.line("construct"), where, "construct '" + construct
                                + "' already has a theme block (line " + first + ")");
                    }
                }
            } else if (kind != null && bf.has("construct")) {
                r.add(bf.line("construct"), where, "only theme blocks name a construct");
            }
            if (kind == GuideBlock.Kind.OPENING && i != 0) {
                r.add(bf.line("kind"), where, "the opening block must come first");
            }
            if (kind == GuideBlock.Kind.CLOSING && i != blockNodes.size() - 1) {
                r.add(bf.line("kind"), where, "the closing block must come last");
            }
            List<GuideQuestion> questions = new ArrayList<>();
            List<Node> qNodes = r.list(bf, "questions", where);
            if (bf.has("questions") && qNodes.isEmpty()) {
                r.add(bf.line("questions"), where, "a block needs at least one question");
            }
            for (int j = 0; j < qNodes.size(); j++) {
                String qWhere = where + ".questions[" + j + "]";
                YamlReader.Fields qf = r.fields(qNodes.get(j), qWhere, QUESTION_KEYS, Set.of("id", "text"));
                String qid = r.string(qf, "id", qWhere);
                if (qid != null) {
                    qWhere = "question " + qid;
                    if (!YamlReader.ID.matcher(qid).matches()) {
                        r.add(qf.line("id"), qWhere, "invalid question id (use lower-case letters, digits and '_')");
                    }
                    Integer first = questionIds.putIfAbsent(qid, qf.line("id"));
                    if (first != null) {
                        r.add(qf.line("id"), qWhere, "duplicate question id (first at line " + first + ")");
                    }
                }
                LocalizedText text = r.text(qf, "text", qWhere, true);
                List<LocalizedText> probes = new ArrayList<>();
                for (Node p : r.list(qf, "probes", qWhere)) {
                    LocalizedText probe = r.text(p, qWhere, "a probe");
                    if (probe != null) {
                        probes.add(probe);
                    }
                }
                if (qid != null && text != null) {
                    questions.add(new GuideQuestion(qid, text, probes));
                }
            }
            if (id != null && kind != null && blockTitle != null && blockMinutes != null) {
                blocks.add(new GuideBlock(id, kind, construct, blockTitle, blockMinutes, questions));
            }
        }
        if (f.has("blocks") && blockNodes.isEmpty()) {
            r.add(f.line("blocks"), "blocks", "a guide needs blocks");
        }
        if (r.ok()) {
            if (blocks.isEmpty() || blocks.getFirst().kind() != GuideBlock.Kind.OPENING) {
                r.add(f.line("blocks"), "blocks", "a guide starts with an opening block");
            }
            if (blocks.isEmpty() || blocks.getLast().kind() != GuideBlock.Kind.CLOSING) {
                r.add(f.line("blocks"), "blocks", "a guide ends with a closing block");
            }
            if (blocks.stream().noneMatch(b -> b.kind() == GuideBlock.Kind.THEME)) {
                r.add(f.line("blocks"), "blocks", "a guide needs at least one theme block");
            }
        }
        if (minutes != null && sumKnown && !blockNodes.isEmpty() && sum != minutes) {
            r.add(f.line("minutes"), "minutes", "the blocks' minutes sum to " + sum + ", not " + minutes);
        }
        if (!r.ok()) {
            throw new QuestionnaireException(r.problems());
        }
        return new FocusGroupGuide(key, title, respondent, minutes, intro, blocks);
    }
}
