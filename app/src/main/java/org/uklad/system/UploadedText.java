package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** A file that can be read more than once (spooled on disk, or a small text in memory). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * What {@link #scan} found: the file's encoding, the SHA-256 of its text without a byte-order
     * mark (as UTF-8, so equal to {@code Hashes.sha256Hex} of the decoded text) and the field
     * separator its header line uses.
     */
    public record Scanned(Charset charset, String sha256, char delimiter) {}

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final int HEADER_MAX = 1 << 20;

    /**
     * Reads a file once without keeping it: the encoding as {@link #decode} chooses it (UTF-8
     * when the whole file is valid UTF-8, else Windows-1251, or the one asked for), the hash of
     * its text and its separator. Memory stays at a buffer (and a header line up to 1 MB).
     */
    public static Scanned scan(Source source, @Nullable String encoding) {
        String wanted = encoding == null || encoding.isBlank() ? null : encoding.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("utf-8") && !wanted.equals("windows-1251")) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("encoding", FieldCode.NOT_AN_OPTION, wanted)));
        }
        if (wanted == null || wanted.equals("utf-8")) {
            Scanned utf8 = scanAs(source, StandardCharsets.UTF_8);
            if (utf8 != null) {
                return utf8;
            }
            if (wanted != null) {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "UTF-8 text")));
            }
        }
        Scanned cp1251 = scanAs(source, WINDOWS_1251);
        if (cp1251 == null) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "UTF-8 or Windows-1251 text")));
        }
        return cp1251;
    }

    /** The scan in one encoding; null when the bytes are not text in it. */
    private static @Nullable Scanned scanAs(Source source, Charset charset) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
        StringBuilder header = new StringBuilder();
        boolean headerDone = false;
        boolean first = true;
        char[] buffer = new char[1 << 16];
        String carried = ""; // a high surrogate at a buffer's end waits for its pair
        try (Reader reader = new InputStreamReader(source.open(), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                int from = first && n > 0 && buffer[0] == '\uFEFF' ? 1 : 0;
                first = first && n == 0;
                String chunk = carried + new String(buffer, from, n - from);
                carried = "";
                if (!chunk.isEmpty() && Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))) {
                    carried = chunk.substring(chunk.length() - 1);
                    chunk = chunk.substring(0, chunk.length() - 1);
                }
                digest.update(chunk.getBytes(StandardCharsets.UTF_8));
                if (!headerDone) {
                    int end = chunk.indexOf('\n');
                    header.append(end < 0 ? chunk : chunk.substring(0, end));
                    headerDone = end >= 0 || header.length() > HEADER_MAX;
                }
            }
            digest.update(carried.getBytes(StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scanned(charset, HexFormat.of().formatHex(digest.digest()), delimiter(header.toString()));
    }

    /** The file's text as {@link #scan} found it, without a byte-order mark. */
    public static Reader reader(InputStream in, Scanned scanned) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, scanned.charset()), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
