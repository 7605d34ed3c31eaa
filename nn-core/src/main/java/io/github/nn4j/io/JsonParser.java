package io.github.nn4j.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recursive descent behind {@link JsonReader}, over the decoded text: one method per kind of
 * value, each leaving {@code pos} just after what it read, every problem reported with its line
 * and column.
 */
final class JsonParser {

    private final char[] text;
    private final int end;
    private int pos;

    JsonParser(char[] text, int end) {
        this.text = text;
        this.end = end;
    }

    /** The one value of the text, with nothing but whitespace around it. */
    Object document() throws JsonFormatException {
        Object value = value(0);
        skipSpace();
        if (pos < end) {
            throw problem("unexpected " + found() + " after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws JsonFormatException {
        skipSpace();
        char c = pos < end ? text[pos] : 0;
        return switch (c) {
            case '{' -> object(deeper(depth));
            case '[' -> array(deeper(depth));
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c != '-' && !isDigit(c)) {
                    throw problem("expected a value, found " + found());
                }
                yield number();
            }
        };
    }

    private int deeper(int depth) throws JsonFormatException {
        if (depth == JsonReader.MAX_DEPTH) {
            throw problem("lists and objects nested deeper than " + JsonReader.MAX_DEPTH);
        }
        return depth + 1;
    }

    private Map<String, Object> object(int depth) throws JsonFormatException {
        pos++;
        Map<String, Object> object = new LinkedHashMap<>();
        skipSpace();
        if (next('}')) {
            return object;
        }
        while (true) {
            skipSpace();
            if (pos >= end || text[pos] != '"') {
                throw problem("expected a key in double quotes, found " + found());
            }
            int keyAt = pos;
            String key = string();
            if (object.containsKey(key)) {
                pos = keyAt;
                throw problem("the key " + shown(key) + " appears twice in one object");
            }
            skipSpace();
            if (!next(':')) {
                throw problem("expected ':' after the key " + shown(key) + ", found " + found());
            }
            object.put(key, value(depth));
            skipSpace();
            if (next('}')) {
                return object;
            }
            if (!next(',')) {
                throw problem("expected ',' or '}' after the value of " + shown(key) + ", found " + found());
            }
        }
    }

    private List<Object> array(int depth) throws JsonFormatException {
        pos++;
        List<Object> array = new ArrayList<>();
        skipSpace();
        if (next(']')) {
            return array;
        }
        while (true) {
            array.add(value(depth));
            skipSpace();
            if (next(']')) {
                return array;
            }
            if (!next(',')) {
                throw problem("expected ',' or ']' after item " + (array.size() - 1) + " of a list, found " + found());
            }
        }
    }

    private String string() throws JsonFormatException {
        int start = ++pos;
        StringBuilder escaped = null;
        while (true) {
            if (pos >= end) {
                pos = start - 1;
                throw problem("a text that has no closing '\"'");
            }
            char c = text[pos];
            if (c == '"') {
                String plain = new String(text, start, pos++ - start);
                return escaped == null ? plain : escaped.append(plain).toString();
            }
            if (c < 0x20) {
                throw problem("a control character " + found() + " in a text; write it as an escape such as \\n");
            }
            if (c == '\\') {
                escaped = (escaped == null ? new StringBuilder() : escaped).append(text, start, pos - start)
                        .append(escape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    /** The character of the escape at {@code pos}, moving past it. */
    private char escape() throws JsonFormatException {
        char kind = pos + 1 < end ? text[pos + 1] : 0;
        char c = switch (kind) {
            case '"', '\\', '/' -> kind;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> (char) hex(pos + 2);
            default -> throw problem("an unknown escape '\\" + (kind == 0 ? "" : kind)
                    + "'; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        };
        pos += kind == 'u' ? 6 : 2;
        return c;
    }

    private int hex(int from) throws JsonFormatException {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = i < end ? Character.digit(text[i], 16) : -1;
            if (digit < 0) {
                throw problem("expected four hexadecimal digits after '\\u'");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private Object literal(String word, Object value) throws JsonFormatException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || text[pos + i] != word.charAt(i)) {
                throw problem("expected a value, found " + found());
            }
        }
        pos += word.length();
        return value;
    }

    private Object number() throws JsonFormatException {
        int start = pos;
        if (text[pos] == '-') {
            pos++;
        }
        boolean whole = true;
        if (pos < end && text[pos] == '0') {
            pos++;
            if (pos < end && isDigit(text[pos])) {
                throw problem("a number with a leading zero");
            }
        } else {
            digits("a digit after '-'");
        }
        if (pos < end && text[pos] == '.') {
            whole = false;
            pos++;
            digits("a digit after the decimal point");
        }
        if (pos < end && (text[pos] == 'e' || text[pos] == 'E')) {
            whole = false;
            pos++;
            if (pos < end && (text[pos] == '+' || text[pos] == '-')) {
                pos++;
            }
            digits("a digit in the exponent");
        }
        if (pos - start > JsonReader.MAX_NUMBER_LENGTH) {
            pos = start;
            throw problem("a number longer than " + JsonReader.MAX_NUMBER_LENGTH + " characters");
        }
        if (whole && pos - start <= 18) {   // fits a long: no text to parse
            long value = 0;
            for (int i = text[start] == '-' ? start + 1 : start; i < pos; i++) {
                value = value * 10 + (text[i] - '0');
            }
            value = text[start] == '-' ? -value : value;
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        String number = new String(text, start, pos - start);
        if (!whole) {
            return Double.parseDouble(number);
        }
        BigInteger value = new BigInteger(number);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private void digits(String expected) throws JsonFormatException {
        if (pos >= end || !isDigit(text[pos])) {
            throw problem("expected " + expected + ", found " + found());
        }
        while (pos < end && isDigit(text[pos])) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Moves past {@code c} if it is next. */
    private boolean next(char c) {
        if (pos < end && text[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < end && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) {
            pos++;
        }
    }

    /** The character at {@code pos}, as a message shows it. */
    private String found() {
        if (pos >= end) {
            return "the end of the input";
        }
        char c = text[pos];
        return c < 0x20 || Character.isSurrogate(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private static String shown(String key) {
        return "'" + (key.length() > 40 ? key.substring(0, 40) + "…" : key) + "'";
    }

    /** The problem at {@code pos}, with its line and column (both from 1). */
    private JsonFormatException problem(String what) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos; i++) {
            if (text[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonFormatException(what + " at line " + line + ", column " + (pos - lineStart + 1));
    }
}
