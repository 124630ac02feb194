package org.uklad.focusgroup;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.uklad.system.Hashes;
import org.uklad.questionnaires.Catalogue;
import org.uklad.questionnaires.Construct;
import org.uklad.questionnaires.FocusGroupGuide;
import org.uklad.questionnaires.GuideBlock;
import org.uklad.questionnaires.GuideParser;
import org.uklad.questionnaires.GuideQuestion;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.QuestionnaireException;
import org.uklad.questionnaires.SourceFile;

/**
 * The bundled focus-group guides (parsed once at start against the bundled catalogue) with the
 * SHA-256 of each file's text, which a session stores beside the guide key so that a later edit
 * of a guide can be told apart from the version a session used; and the catalogue's constructs,
 * which start the code list of coded excerpts.
 */
@Singleton
public class FocusGuides {

    /** The pseudo-question of notes and excerpts about the session as a whole. */
    public static final String GENERAL = "general";

    /** A bundled guide and the hash of its file. */
    public record Loaded(FocusGroupGuide guide, String sha256) {}

    private final Map<String, Loaded> guides = new LinkedHashMap<>();
    private final Catalogue catalogue;

    FocusGuides() {
        catalogue = Instruments.bundledCatalogue();
        for (SourceFile f : Instruments.bundledGuides()) {
            try {
                FocusGroupGuide g = GuideParser.parse(f, catalogue);
                guides.put(g.key(), new Loaded(g, sha256(f.text())));
            } catch (QuestionnaireException e) {
                throw new IllegalStateException("bundled guide is invalid: " + e.getMessage(), e);
            }
        }
    }

    public List<Loaded> all() {
        return List.copyOf(guides.values());
    }

    public Optional<Loaded> find(String key) {
        return Optional.ofNullable(key == null ? null : guides.get(key));
    }

    /** The question ids of a guide in order, or none for a session without a guide. */
    public static List<GuideQuestion> questions(FocusGroupGuide guide) {
        List<GuideQuestion> out = new ArrayList<>();
        for (GuideBlock b : guide.blocks()) {
            out.addAll(b.questions());
        }
        return out;
    }

    /** The constructs that can code an excerpt: every catalogue construct except the family context index. */
    public List<Construct> constructs() {
        return catalogue.constructs().values().stream().filter(c -> c.index() != IndexKind.CONTEXT).toList();
    }

    static String sha256(String s) {
        return Hashes.sha256Hex(s);
    }
}
