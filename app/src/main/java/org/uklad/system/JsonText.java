package org.uklad.system;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the JSON reader lets through but a strict reader must not, each named by its place: bytes
 * that are not UTF-8 (the reader would guess UTF-16 or UTF-32 from the first bytes), a name twice
 * in one object (the reader keeps the last, so a client's two {@code answers} would be judged by
 * one and stored as the other), anything after the value, and an escaped half of a surrogate pair
 * ({@code "A\ud800B"}, which the database would store as "A?B"). A syntax error is named by line
 * and column.
 */
final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** The problems of a body, at most one: the first found. */
    static List<FieldError> problems(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return List.of(FieldError.of("body", FieldCode.NOT_UTF8));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark before UTF-8 JSON may be ignored (RFC 8259, 8.1)
        }
        if (text.indexOf('\u0000') >= 0) {
            return List.of(FieldError.of("body", FieldCode.NOT_UTF8)); // UTF-16 or UTF-32: a raw NUL is never JSON
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                return scan(parser);
            } catch (JsonProcessingException e) {
                return List.of(at(FieldCode.JSON_SYNTAX, e, parser));
            }
        } catch (IOException e) {
            return List.of(FieldError.of("body", FieldCode.JSON_SYNTAX, "?", "?"));
        }
    }

    private static List<FieldError> scan(JsonParser parser) throws IOException {
        Deque<Set<String>> names = new ArrayDeque<>();
        int depth = 0;
        JsonToken token = parser.nextToken();
        while (token != null) {
            switch (token) {
                case START_OBJECT -> {
                    names.push(new HashSet<>());
                    depth++;
                }
                case START_ARRAY -> depth++;
                case END_OBJECT -> {
                    names.pop();
                    depth--;
                }
                case END_ARRAY -> depth--;
                case FIELD_NAME -> {
                    if (!names.peek().add(parser.currentName())) {
                        return List.of(FieldError.of(place(parser.getParsingContext()), FieldCode.DUPLICATE_KEY));
                    }
                    if (halfSurrogate(parser.currentName())) {
                        return List.of(FieldError.of(place(parser.getParsingContext()), FieldCode.HALF_SURROGATE));
                    }
                }
                case VALUE_STRING -> {
                    if (halfSurrogate(parser.getText())) {
                        return List.of(FieldError.of(place(parser.getParsingContext()), FieldCode.HALF_SURROGATE));
                    }
                }
                default -> {
                }
            }
            if (depth == 0) {
                return trailing(parser);
            }
            token = parser.nextToken();
        }
        return List.of(at(FieldCode.JSON_SYNTAX, parser.currentLocation()));
    }

    /** After the value: nothing but blanks. */
    private static List<FieldError> trailing(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == null ? List.of() : List.of(at(FieldCode.TRAILING_CONTENT, parser.currentTokenLocation()));
        } catch (JsonProcessingException e) {
            return List.of(at(FieldCode.TRAILING_CONTENT, e, parser));
        }
    }

    /** Where the parser failed; a broken limit (nesting too deep) has no place of its own, the parser's is used. */
    private static FieldError at(FieldCode code, JsonProcessingException e, JsonParser parser) {
        return at(code, e.getLocation() == null ? parser.currentLocation() : e.getLocation());
    }

    private static FieldError at(FieldCode code, JsonLocation where) {
        return FieldError.of("body", code, String.valueOf(where.getLineNr()), String.valueOf(where.getColumnNr()));
    }

    private static boolean halfSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A place as {@link StrictJson} names fields: {@code answers.dem1}, {@code participants[2].count}. */
    private static String place(JsonStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : c.getCurrentName();
            if (!out.isEmpty() && !out.toString().startsWith("[")) {
                part = part + ".";
            }
            out.insert(0, part);
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
