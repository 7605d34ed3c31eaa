package io.github.nn4j.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes Java values as indented JSON, laid out exactly as nn4j's model files have always been
 * (the layout of Jackson's default pretty printer, which wrote them first): two spaces per open
 * object, {@code "key" : value}, arrays on one line, {@code { }} and {@code [ ]} when empty, no
 * newline at the end.
 *
 * <pre>{@code
 * JsonWriter.write(Map.of("shape", new long[] {4, 3}))   // {
 *                                                         //   "shape" : [ 4, 3 ]
 *                                                         // }
 * }</pre>
 *
 * <p>Values: maps with text keys (written in their iteration order), lists and other
 * {@code Iterable}s, {@code long[]}, {@code int[]}, {@code double[]}, {@code float[]} and
 * {@code Object[]} arrays, text, numbers, {@code Boolean} and {@code null}. Numbers are written as
 * Java prints them ({@code 1.0E-8}, {@code 0.001}); a {@code NaN} or infinite number as the text
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. In text, {@code "} and {@code \}, the
 * control characters (below U+0020) and the halves of surrogate pairs are escaped
 * (<code>\n</code>, <code>&#92;u001F</code>, <code>&#92;uD83D&#92;uDE00</code>); everything else is UTF-8.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /**
     * The JSON text of a value, as UTF-8 bytes.
     *
     * @param value the value
     * @return its JSON text
     * @throws IllegalArgumentException naming the value's class when it is none of the kinds above
     *                                  or a map key is not text, or when lists and maps nest deeper
     *                                  than {@link JsonReader#MAX_DEPTH} (what could not be read back)
     */
    public static byte[] write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0, 0);
        return writer.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code value}, inside {@code objects} open objects and {@code depth} open lists and objects. */
    private void value(Object value, int objects, int depth) {
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String text) {
            quote(text);
        } else if (value instanceof Double || value instanceof Float) {
            number(((Number) value).doubleValue(), value.toString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(map, objects, nested(depth));
        } else if (value instanceof Iterable<?> items) {
            array(items.iterator(), objects, nested(depth));
        } else if (value instanceof Object[] items) {
            array(Arrays.asList(items).iterator(), objects, nested(depth));
        } else if (value instanceof long[] items) {
            array(Arrays.stream(items).iterator(), objects, nested(depth));
        } else if (value instanceof int[] items) {
            array(Arrays.stream(items).iterator(), objects, nested(depth));
        } else if (value instanceof double[] items) {
            array(Arrays.stream(items).iterator(), objects, nested(depth));
        } else if (value instanceof float[] items) {
            array(floats(items), objects, nested(depth));
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: " + value);
        }
    }

    private static int nested(int depth) {
        if (depth >= JsonReader.MAX_DEPTH) {
            throw new IllegalArgumentException("cannot write JSON nested deeper than " + JsonReader.MAX_DEPTH
                    + " lists and objects");
        }
        return depth + 1;
    }

    private void number(double value, String text) {
        if (Double.isFinite(value)) {
            out.append(text);
        } else {
            quote(text);
        }
    }

    private void object(Map<?, ?> map, int objects, int depth) {
        if (map.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys are text, got " + entry.getKey());
            }
            out.append(separator).append('\n').append("  ".repeat(objects + 1));
            quote(key);
            out.append(" : ");
            value(entry.getValue(), objects + 1, depth);
            separator = ",";
        }
        out.append('\n').append("  ".repeat(objects)).append('}');
    }

    private void array(Iterator<?> items, int objects, int depth) {
        if (!items.hasNext()) {
            out.append("[ ]");
            return;
        }
        out.append("[ ");
        value(items.next(), objects, depth);
        while (items.hasNext()) {
            out.append(", ");
            value(items.next(), objects, depth);
        }
        out.append(" ]");
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                                .append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static Iterator<Float> floats(float[] items) {
        Float[] boxed = new Float[items.length];
        Arrays.setAll(boxed, i -> items[i]);
        return Arrays.asList(boxed).iterator();
    }
}
