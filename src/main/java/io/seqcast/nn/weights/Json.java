package io.seqcast.nn.weights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer, so the weights package needs no JSON library.
 *
 * <p>Parsed values are plain Java objects: {@code Map<String, Object>} (insertion-ordered, in
 * source order, unmodifiable), {@code List<Object>} (unmodifiable), {@link String},
 * {@link JsonNumber} (the literal text, so integers are never routed through {@code double}),
 * {@link Boolean} and {@link Null#INSTANCE}.
 *
 * <p>Strict means: exactly one value and nothing after it but whitespace; no comments, trailing
 * commas, single quotes, leading zeros, {@code NaN}; duplicate object keys are an error (a header
 * naming a tensor twice is ambiguous, and readers disagree on which one wins); only the four JSON
 * whitespace characters; unescaped control characters and unpaired surrogate escapes are rejected.
 * Nesting is bounded by a caller-given depth so a hostile document cannot overflow the stack; the
 * input length is the caller's to bound.
 */
final class Json {

    /** The JSON {@code null} (Java {@code null} would be confused with "key absent"). */
    enum Null { INSTANCE }

    /** A JSON number, kept as its validated literal text. */
    record JsonNumber(String text) {

        /** True when the literal has no fraction and no exponent ({@code 12}, {@code -3}, not {@code 1.0}). */
        boolean isIntegerLiteral() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.' || c == 'e' || c == 'E') {
                    return false;
                }
            }
            return true;
        }

        /** The value as a double (nearest, as {@link Double#parseDouble}). */
        double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A syntax error, with the character position (0-based, in the parsed text) where it was found. */
    static final class SyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int position;

        SyntaxException(String message, int position) {
            super(message + " at character " + position);
            this.position = position;
        }

        int position() {
            return position;
        }
    }

    private Json() {
    }

    /**
     * Parses one JSON document.
     *
     * @param maxDepth how many objects/arrays may be nested (1 allows {@code {"a":1}} but not
     *     {@code {"a":[1]}})
     * @throws SyntaxException for anything that is not exactly one valid JSON value
     */
    static Object parse(String text, int maxDepth) {
        Parser p = new Parser(text, maxDepth);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected content after the JSON value");
        }
        return value;
    }

    /** A short type name for error messages: object, array, string, number, boolean or null. */
    static String typeName(Object value) {
        if (value instanceof Map) {
            return "object";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof JsonNumber || value instanceof Number) {
            return "number";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value == null || value == Null.INSTANCE) {
            return "null";
        }
        return value.getClass().getSimpleName();
    }

    /**
     * Writes a value compactly (no whitespace), maps in their iteration order. Accepts what
     * {@link #parse} returns plus {@link Integer}, {@link Long} and finite {@link Double}/{@link Float}.
     *
     * @throws IllegalArgumentException for a non-string key, a non-finite number, a string with an
     *     unpaired surrogate (it has no UTF-8 encoding), or an unsupported type
     */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, key);
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, list.get(i));
            }
            sb.append(']');
        } else if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof JsonNumber n) {
            sb.append(n.text());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            sb.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
            // Double.toString/Float.toString give e.g. "1.0E-5", which is valid JSON.
            sb.append(value);
        } else if (value instanceof Boolean) {
            sb.append(value);
        } else if (value == null || value == Null.INSTANCE) {
            sb.append("null");
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw new IllegalArgumentException("unpaired surrogate in string at index " + i);
                        }
                        // Non-ASCII stays raw: the output is encoded as UTF-8, as safetensors requires.
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate in string at index " + i);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Recursive descent over the text; depth is checked on every object/array entry. */
    private static final class Parser {
        private final String s;
        private final int maxDepth;
        private int pos;

        Parser(String s, int maxDepth) {
            this.s = s;
            this.maxDepth = maxDepth;
        }

        SyntaxException error(String message) {
            return new SyntaxException(message, pos);
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        Object value(int depth) {
            if (pos >= s.length()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return Null.INSTANCE;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected " + describe(c) + ", expected a value");
            }
        }

        private void enter(int depth) {
            if (depth > maxDepth) {
                throw error("nesting deeper than " + maxDepth + " levels");
            }
        }

        private Map<String, Object> object(int depth) {
            enter(depth);
            pos++; // '{'
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return Collections.unmodifiableMap(map);
            }
            while (true) {
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                int keyStart = pos;
                String key = string();
                if (map.containsKey(key)) {
                    pos = keyStart;
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                map.put(key, value(depth));
                skipWhitespace();
                char c = peek();
                if (c == ',') {
                    pos++;
                    skipWhitespace();
                } else if (c == '}') {
                    pos++;
                    return Collections.unmodifiableMap(map);
                } else {
                    throw error("expected ',' or '}' but found " + describeAt());
                }
            }
        }

        private List<Object> array(int depth) {
            enter(depth);
            pos++; // '['
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                list.add(value(depth));
                skipWhitespace();
                char c = peek();
                if (c == ',') {
                    pos++;
                    skipWhitespace();
                } else if (c == ']') {
                    pos++;
                    return Collections.unmodifiableList(list);
                } else {
                    throw error("expected ',' or ']' but found " + describeAt());
                }
            }
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                } else if (c == '\\') {
                    escape(sb);
                } else if (c < 0x20) {
                    throw error("unescaped control character " + describe(c) + " in string");
                } else {
                    // Raw surrogates here are always paired: the text came from a strict UTF-8 decode.
                    sb.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder sb) {
            pos++; // backslash
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '"', '\\', '/' -> sb.append(c);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int escapeStart = pos - 1;
                    pos++;
                    char unit = hex4();
                    if (Character.isHighSurrogate(unit)) {
                        if (pos + 1 < s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u') {
                            pos += 2;
                            char low = hex4();
                            if (!Character.isLowSurrogate(low)) {
                                pos = escapeStart;
                                throw error("unpaired surrogate escape");
                            }
                            sb.append(unit).append(low);
                            return;
                        }
                        pos = escapeStart;
                        throw error("unpaired surrogate escape");
                    } else if (Character.isLowSurrogate(unit)) {
                        pos = escapeStart;
                        throw error("unpaired surrogate escape");
                    }
                    sb.append(unit);
                    return; // hex4 already advanced past the digits
                }
                default -> throw error("invalid escape \\" + describe(c));
            }
            pos++;
        }

        private char hex4() {
            if (pos + 4 > s.length()) {
                throw error("truncated \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos), 16);
                // Character.digit also accepts non-ASCII digits; JSON allows only [0-9a-fA-F].
                if (d < 0 || s.charAt(pos) > 'f') {
                    throw error("invalid hex digit in \\u escape");
                }
                v = (v << 4) | d;
                pos++;
            }
            return (char) v;
        }

        private JsonNumber number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("leading zeros are not allowed in numbers");
                }
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("invalid number");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after the decimal point");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent");
                }
                digits();
            }
            return new JsonNumber(s.substring(start, pos));
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("invalid literal, expected " + word);
            }
            pos += word.length();
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "' but found " + describeAt());
            }
            pos++;
        }

        /** The current character, or U+0000 at the end (never valid where a token is expected). */
        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private String describeAt() {
            return pos < s.length() ? describe(s.charAt(pos)) : "end of input";
        }

        private static String describe(char c) {
            if (c >= 0x20 && c < 0x7f) {
                return "'" + c + "'";
            }
            return String.format("U+%04X", (int) c);
        }
    }
}
