package io.github.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The layout of model files' {@code model.json}, byte for byte. The expected texts are what
 * Jackson 2.13's default pretty printer (through ND4J's shaded copy) wrote for the same values,
 * which wrote every model file before {@link JsonWriter}.
 */
class JsonWriterTest {

    private static String text(Object value) {
        return new String(JsonWriter.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void objectsIndentTwoSpacesPerLevelAndListsStayOnOneLine() {
        Map<String, Object> dense = new LinkedHashMap<>();
        dense.put("name", "dense0");
        dense.put("settings", new TreeMap<>(Map.of("out", 3, "in", 4)));
        Map<String, Object> relu = new LinkedHashMap<>();
        relu.put("name", "relu0");
        relu.put("settings", Map.of());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "nn4j");
        root.put("layers", List.of(dense, relu));
        root.put("shape", new long[] {4, 3});
        root.put("arrays", List.of());
        assertEquals("""
                {
                  "format" : "nn4j",
                  "layers" : [ {
                    "name" : "dense0",
                    "settings" : {
                      "in" : 4,
                      "out" : 3
                    }
                  }, {
                    "name" : "relu0",
                    "settings" : { }
                  } ],
                  "shape" : [ 4, 3 ],
                  "arrays" : [ ]
                }""", text(root));
    }

    @Test
    void numbersAreWrittenAsJavaPrintsThemAndNonFiniteOnesAsText() {
        List<Object> numbers = List.of(1e-8, 0.001, 1e7, 0.5f, 0.1f, -0.0, 1344154044715485647L, 7, (short) -3,
                new BigInteger("123456789012345678901234567890"), Double.NaN, Double.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY);
        assertEquals("[ 1.0E-8, 0.001, 1.0E7, 0.5, 0.1, -0.0, 1344154044715485647, 7, -3, "
                + "123456789012345678901234567890, \"NaN\", \"Infinity\", \"-Infinity\" ]", text(numbers));
        assertEquals("[ 1.5, 2.0 ]", text(new double[] {1.5, 2}));
        assertEquals("[ 0.1, -2.0 ]", text(new float[] {0.1f, -2}));
        assertEquals("[ 1, 2 ]", text(new int[] {1, 2}));
        assertEquals("[ true, null, \"x\" ]", text(new Object[] {true, null, "x"}));
    }

    @Test
    void quotesAndBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"a\\\"b\\\\c/d\"", text("a\"b\\c/d"));
        assertEquals("\"\\b\\t\\n\\f\\r\"", text("\b\t\n\f\r"));
        assertEquals("\"\\u0000\\u0001\\u001F\u007f\"", text("\u0000\u0001\u001f\u007f"), "DEL is not escaped");
    }

    @Test
    void textIsUtf8ExceptTheHalvesOfSurrogatePairs() {
        assertArrayEquals(new byte[] {'"', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC, '"'},
                JsonWriter.write("é€"));
        assertEquals("\"\\uD83D\\uDE00 \\uD800\"", text("😀 \uD800"), "a pair and a lone half, as Jackson 2.13 wrote them");
    }

    @Test
    void whatCannotBeReadBackIsRefusedWithItsKind() {
        assertEquals("cannot write a java.lang.Thread$State as JSON: NEW", assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.write(List.of(Thread.State.NEW))).getMessage());
        assertEquals("JSON object keys are text, got 1",
                assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of(1, 2))).getMessage());
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 1; i < JsonReader.MAX_DEPTH; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        JsonWriter.write(deep);   // 64 lists deep: what the reader reads
        inner.add(List.of());
        assertEquals("cannot write JSON nested deeper than 64 lists and objects",
                assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(deep)).getMessage());
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(cycle), "a list that holds itself");
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameValues() throws JsonFormatException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "tab\t \"quoted\" é 😀");
        value.put("numbers", List.of(1, 3_000_000_000L, 2.5, 1e-8));
        value.put("flags", List.of(true, false));
        value.put("nothing", null);
        value.put("nested", Map.of("empty", List.of()));
        assertEquals(value, JsonReader.read(JsonWriter.write(value)));
    }
}
