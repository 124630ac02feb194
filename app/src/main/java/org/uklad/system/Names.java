package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one normaliser of every text that names something (a school, a municipality, a wave, a group
 * of respondents, an account, a result's label), wherever it comes in: page form, API or file.
 *
 * <p>A name is stored in NFC with its outer blanks removed and every run of blanks inside (any
 * Unicode space, the no-break space too) made one space, so that names a reader cannot tell apart
 * are one name. Characters a reader cannot see or that change what they see are refused rather than
 * silently removed, so the typist learns about them: control characters (NUL breaks storage),
 * unpaired surrogates, format characters (zero-width space and joiners, bidirectional overrides and
 * isolates, the byte-order mark, the soft hyphen), line and paragraph separators, private-use and
 * unassigned code points. Without this "Школа № 1" and "Школа № 1\u200b" would be two schools.
 */
public final class Names {

    private Names() {
    }

    /**
     * The stored form of a name of 1 to {@code max} characters; each problem is added to
     * {@code errors} for {@code field} ({@code length}, {@code forbidden-character}), in which case
     * the returned text must not be stored.
     */
    public static String normalise(String field, @Nullable String text, int max, List<FieldError> errors) {
        String raw = text == null ? "" : text;
        int forbidden = firstForbidden(raw);
        if (forbidden >= 0) {
            errors.add(FieldError.of(field, FieldCode.FORBIDDEN_CHARACTER, String.format(Locale.ROOT, "U+%04X", forbidden)));
            return "";
        }
        String name = collapseBlanks(Normalizer.normalize(raw, Normalizer.Form.NFC));
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > max) {
            errors.add(FieldError.of(field, FieldCode.LENGTH, 1, max));
        }
        return name;
    }

    /**
     * The same for a name checked on its own.
     *
     * @throws ProblemException {@link ErrorCode#VALIDATION_FAILED} naming {@code field}
     */
    public static String normalise(String field, @Nullable String text, int max) {
        List<FieldError> errors = new ArrayList<>();
        String name = normalise(field, text, max, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return name;
    }

    /** The first refused code point of the text (an unpaired surrogate as itself), or -1. */
    static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (forbidden(cp)) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean forbidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static String collapseBlanks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean blank = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
                blank = true;
                continue;
            }
            if (blank && !out.isEmpty()) {
                out.append(' ');
            }
            blank = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
