package io.github.nn4j.bench;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the report: maps (in their iteration order), lists, strings,
 * numbers (NaN and infinity become {@code null}), booleans and {@code null}.
 */
public final class Json {

    private Json() {
    }

    /**
     * The value as indented JSON text.
     *
     * @param value a map, list, string, number, boolean or {@code null}, nested as deep as needed
     * @return the text
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeEntries(map.entrySet().iterator(), out, indent, '{', '}');
        } else if (value instanceof List<?> list) {
            writeEntries(list.iterator(), out, indent, '[', ']');
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            out.append(Double.isFinite(number) ? String.valueOf(number) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            quote(value.toString(), out);
        }
    }

    private static void writeEntries(Iterator<?> entries, StringBuilder out, String indent, char open, char close) {
        out.append(open);
        if (!entries.hasNext()) {
            out.append(close);
            return;
        }
        String inner = indent + "  ";
        while (entries.hasNext()) {
            Object entry = entries.next();
            out.append('\n').append(inner);
            if (entry instanceof Map.Entry<?, ?> pair) {
                quote(String.valueOf(pair.getKey()), out);
                out.append(": ");
                write(pair.getValue(), out, inner);
            } else {
                write(entry, out, inner);
            }
            out.append(entries.hasNext() ? "," : "");
        }
        out.append('\n').append(indent).append(close);
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
