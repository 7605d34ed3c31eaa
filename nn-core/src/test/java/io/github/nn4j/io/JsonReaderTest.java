package io.github.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    private static Object read(String json) throws JsonFormatException {
        return JsonReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(String json) {
        return assertThrows(JsonFormatException.class, () -> read(json)).getMessage();
    }

    @Test
    void eachKindOfValueBecomesItsJavaType() throws JsonFormatException {
        Map<?, ?> object = (Map<?, ?>) read("""
                {"int": 7, "long": 3000000000, "big": 12345678901234567890, "min": -9223372036854775808,
                 "minusZero": -0, "double": 2.0, "exponent": 1e3, "small": -1.5E-2, "huge": 1e400,
                 "yes": true, "no": false, "nothing": null, "list": [1, "a"], "object": {}}""");
        assertEquals(List.of("int", "long", "big", "min", "minusZero", "double", "exponent", "small", "huge", "yes",
                "no", "nothing", "list", "object"), List.copyOf(object.keySet()), "the file's key order");
        assertEquals(7, object.get("int"));
        assertEquals(3_000_000_000L, object.get("long"));
        assertEquals(new BigInteger("12345678901234567890"), object.get("big"));
        assertEquals(Long.MIN_VALUE, object.get("min"));
        assertEquals(0, object.get("minusZero"));
        assertEquals(2.0, object.get("double"));
        assertEquals(1000.0, object.get("exponent"));
        assertEquals(-0.015, object.get("small"));
        assertEquals(Double.POSITIVE_INFINITY, object.get("huge"), "as Double.parseDouble reads it");
        assertEquals(true, object.get("yes"));
        assertEquals(false, object.get("no"));
        assertTrue(object.containsKey("nothing"));
        assertNull(object.get("nothing"));
        assertEquals(List.of(1, "a"), object.get("list"));
        assertEquals(Map.of(), object.get("object"));
        assertEquals(LinkedHashMap.class, object.getClass());
    }

    @Test
    void escapesAndUtf8BecomeTheirCharacters() throws JsonFormatException {
        assertEquals("\"\\/\b\f\n\r\t", read("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("é€😀", read("\"\\u00e9\\u20AC\\uD83D\\uDE00\""));
        assertEquals("\uDE00", read("\"\\uDE00\""), "a lone half of a pair, as Java strings hold it");
        assertEquals("é€😀", read("\"é€😀\""));
        byte[] withByteOrderMark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
        assertEquals(List.of(), JsonReader.read(withByteOrderMark));
        assertEquals(List.of(1, 2), read(" \t\r\n[ 1 ,\n2 ] \n"));
    }

    @Test
    void aProblemIsNamedWithItsLineAndColumn() {
        assertEquals("expected a value, found the end of the input at line 1, column 1", problem(""));
        assertEquals("expected ',' or '}' after the value of 'a', found '\"' at line 3, column 3",
                problem("{\n  \"a\" : 1\n  \"b\" : 2\n}"));
        assertEquals("the key 'a' appears twice in one object at line 1, column 10", problem("{\"a\": 1, \"a\": 2}"));
        assertEquals("expected a value, found ']' at line 1, column 7", problem("[1, 2,]"));
        assertEquals("expected ',' or ']' after item 1 of a list, found '3' at line 1, column 7", problem("[1, 2 3]"));
        assertEquals("expected a key in double quotes, found 'a' at line 1, column 2", problem("{a: 1}"));
        assertEquals("expected ':' after the key 'a', found '1' at line 1, column 6", problem("{\"a\" 1}"));
        assertEquals("unexpected 'x' after the JSON value at line 1, column 4", problem("{} x"));
        assertEquals("expected a value, found 't' at line 1, column 1", problem("tru"));
        assertEquals("expected a value, found 'N' at line 1, column 1", problem("NaN"));
        assertEquals("expected a value, found '/' at line 1, column 1", problem("// no comments\n{}"));
    }

    @Test
    void numbersFollowTheJsonGrammar() {
        assertEquals("a number with a leading zero at line 1, column 3", problem("[01]"));
        assertEquals("expected a digit after the decimal point, found ']' at line 1, column 4", problem("[1.]"));
        assertEquals("expected a digit after '-', found the end of the input at line 1, column 2", problem("-"));
        assertEquals("expected a digit in the exponent, found the end of the input at line 1, column 4", problem("1e+"));
        assertEquals("expected a value, found '+' at line 1, column 1", problem("+1"));
        assertEquals("expected a value, found '.' at line 1, column 2", problem("[.5]"));
    }

    @Test
    void textMustCloseAndUseOnlyJsonEscapes() {
        assertEquals("a text that has no closing '\"' at line 1, column 3", problem("[ \"abc"));
        assertEquals("a control character U+000A in a text; write it as an escape such as \\n at line 1, column 3",
                problem("\"a\nb\""));
        assertEquals("an unknown escape '\\x'; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX "
                + "at line 1, column 2", problem("\"\\x\""));
        assertEquals("expected four hexadecimal digits after '\\u' at line 1, column 2", problem("\"\\u12G4\""));
        assertEquals("not UTF-8: byte 0xC3 at offset 1 is not part of a character",
                assertThrows(JsonFormatException.class, () -> JsonReader.read(new byte[] {'"', (byte) 0xC3, '"'}))
                        .getMessage());
    }

    @Test
    void listsAndObjectsNestAtMost64Deep() throws JsonFormatException {
        String deepest = "[".repeat(64) + "]".repeat(64);
        assertEquals(1, ((List<?>) read(deepest)).size());
        assertEquals("lists and objects nested deeper than 64 at line 1, column 65",
                problem("[".repeat(65) + "]".repeat(65)));
        assertEquals("lists and objects nested deeper than 64 at line 1, column 193",
                problem("[{\"a\":".repeat(33) + "1" + "}]".repeat(33)));
    }

    @Test
    void numbersAndInputsHaveSizeLimits() throws JsonFormatException {
        assertEquals(new BigInteger("9".repeat(1000)), read("9".repeat(1000)));
        assertEquals("a number longer than 1000 characters at line 1, column 2", problem("[" + "9".repeat(1001) + "]"));
        assertEquals("JSON text of 67108865 bytes is longer than the limit of 67108864",
                assertThrows(JsonFormatException.class, () -> JsonReader.read(new byte[JsonReader.MAX_BYTES + 1]))
                        .getMessage());
    }

    @Test
    void theValuesOfTheCostliestInputsTakeAtMost64BytesOfHeapPerInputByte() throws JsonFormatException {
        int n = 20_000;
        Map<String, IntFunction<String>> items = new LinkedHashMap<>();
        items.put("empty objects", i -> "{}");
        items.put("empty lists", i -> "[]");
        items.put("lists of one", i -> "[0]");
        items.put("zeros", i -> "0");
        items.put("one-letter texts", i -> "\"a\"");
        items.put("objects of one", i -> "{\"a\":0}");
        items.put("doubles", i -> "1e1");
        items.put("large integers", i -> "1234567");
        for (Map.Entry<String, IntFunction<String>> kind : items.entrySet()) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                json.append(i == 0 ? "" : ",").append(kind.getValue().apply(i));
            }
            byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
            assertPerByte(kind.getKey(), bytes);
        }
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            keys.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append("\":0");
        }
        assertPerByte("distinct keys", keys.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertPerByte(String kind, byte[] bytes) throws JsonFormatException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = Long.MAX_VALUE;
        for (int repeat = 0; repeat < 3; repeat++) {   // the least of three: no class loading in it
            long before = threads.getCurrentThreadAllocatedBytes();
            JsonReader.read(bytes);
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }
        double perByte = (double) allocated / bytes.length;
        assertTrue(perByte <= 64, kind + ": " + perByte + " bytes of heap per input byte");
    }
}
