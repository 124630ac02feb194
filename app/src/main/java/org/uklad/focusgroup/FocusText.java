package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;

/**
 * Free text of the focus-group records as stored (notes, excerpts, poll questions) and the checks
 * every service applies to it: lengths count characters (code points), not UTF-16 units.
 */
final class FocusText {

    private FocusText() {
    }

    /** Free text as stored: CRLF → LF, other control characters (NUL...) removed, outer blanks stripped. */
    static String clean(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
        return sb.toString().strip();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Adds {@code required} (when {@code min} > 0) or {@code too-long} for a cleaned text. */
    static void check(List<FieldError> errors, String field, String value, int min, int max) {
        if (value.isEmpty() && min > 0) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
        } else if (length(value) > max) {
            errors.add(FieldError.of(field, FieldCode.TOO_LONG, String.valueOf(max)));
        }
    }

    /** Throws 422 with every field error collected, if any. */
    static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
    }
}
