package io.seqcast.nn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package's strict JSON reader/writer (named SafeTensors* so the codec's test filter runs it). */
class SafeTensorsJsonTest {

    @Test
    void parsesAllValueKindsKeepingKeyOrder() {
        Object v = Json.parse(" {\"z\":[1,-2.5e3,0],\"a\":{\"t\":true,\"f\":false,\"n\":null},\"s\":\"x\"} ", 4);
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("z", "a", "s");
        assertThat(m.get("z")).isEqualTo(List.of(
                new Json.JsonNumber("1"), new Json.JsonNumber("-2.5e3"), new Json.JsonNumber("0")));
        Map<?, ?> a = (Map<?, ?>) m.get("a");
        assertThat(a.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(a.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(a.get("n")).isEqualTo(Json.Null.INSTANCE);
        assertThat(m.get("s")).isEqualTo("x");
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() {
        Object v = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\uDE00 \\u0000\"", 1);
        assertThat(v).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \uD83D\uDE00 \u0000");
    }

    @Test
    void integerLiteralsAreTold() {
        assertThat(new Json.JsonNumber("12").isIntegerLiteral()).isTrue();
        assertThat(new Json.JsonNumber("12.0").isIntegerLiteral()).isFalse();
        assertThat(new Json.JsonNumber("1e2").isIntegerLiteral()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                        | unexpected end of input",
            "`{\"a\":1,}`              | expected a string key",
            "`[1,]`                    | expected a value",
            "`[01]`                    | leading zeros",
            "`[1.]`                    | decimal point",
            "`[1e]`                    | exponent",
            "`[-]`                     | invalid number",
            "`[NaN]`                   | expected a value",
            "`{'a':1}`                 | expected a string key",
            "`{\"a\" 1}`               | expected ':'",
            "`[1 2]`                   | expected ',' or ']'",
            "`{\"a\":1 \"b\":2}`       | expected ',' or '}'",
            "`\"abc`                   | unterminated string",
            "`\"\\x\"`                 | invalid escape",
            "`\"\\u12G4\"`             | invalid hex digit",
            "`\"\\uD83D\"`             | unpaired surrogate",
            "`\"\\uDE00\"`             | unpaired surrogate",
            "`\"\\uD83D\\u0041\"`      | unpaired surrogate",
            "`tru`                     | expected true",
            "`{} x`                    | unexpected content after the JSON value",
            "`{\"k\":1,\"k\":2}`       | duplicate key \"k\"",
            "`[[[[1]]]]`               | nesting deeper than 3 levels",
    })
    void rejectsInvalidJson(String text, String expected) {
        assertThatThrownBy(() -> Json.parse(text, 3))
                .isInstanceOf(Json.SyntaxException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void rejectsRawControlCharactersAndFormFeedWhitespace() {
        assertThatThrownBy(() -> Json.parse("\"a\nb\"", 1)).hasMessageContaining("unescaped control character");
        assertThatThrownBy(() -> Json.parse("\f{}", 1)).hasMessageContaining("expected a value");
    }

    @Test
    void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep, 64)).hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void writerRoundTripsAndEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"\\\n\u0001\u00e9\uD83D\uDE00");
        m.put("l", List.of(1, 2L, 0.5, true, Json.Null.INSTANCE));
        m.put("e", Map.of());
        String text = Json.write(m);
        assertThat(text).isEqualTo("{\"s\":\"q\\\"\\\\\\n\\u0001\u00e9\uD83D\uDE00\",\"l\":[1,2,0.5,true,null],\"e\":{}}");
        Object back = Json.parse(text, 4);
        assertThat(((Map<?, ?>) back).get("s")).isEqualTo(m.get("s"));
    }

    @Test
    void writerRejectsWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write("a\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
