package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * An uploaded text file as the regional offices save them: UTF-8 (with or without a byte-order
 * mark) or Windows-1251 (what Excel in a Russian Windows saves as "CSV"), with a comma or a
 * semicolon between fields. Shared by the paper import and the external-score import.
 */
public final class UploadedText {

    private UploadedText() {
    }

    /**
     * A request body as text: in {@code encoding} ({@code utf-8} or {@code windows-1251}) when
     * given; otherwise UTF-8 when it is valid UTF-8, else Windows-1251. Bytes the encoding cannot
     * read are the client's mistake (422).
     */
    public static String decode(@Nullable byte[] body, @Nullable String encoding) {
        byte[] bytes = body == null ? new byte[0] : body;
        String wanted = encoding == null || encoding.isBlank() ? null : encoding.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("utf-8") && !wanted.equals("windows-1251")) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("encoding", FieldCode.NOT_AN_OPTION, wanted)));
        }
        if (wanted == null || wanted.equals("utf-8")) {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                if (wanted != null) {
                    throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "UTF-8 text")));
                }
            }
        }
        try {
            return Charset.forName("windows-1251").newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "UTF-8 or Windows-1251 text")));
        }
    }

    /** The text without a leading byte-order mark. */
    public static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A semicolon when the header line has semicolons and no commas (Russian Excel), else a comma. */
    public static char delimiter(String body) {
        int end = body.indexOf('\n');
        String header = end < 0 ? body : body.substring(0, end);
        return header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
    }
}
