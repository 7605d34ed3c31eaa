package io.github.nn4j.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dictionary at the start of a {@code .npy} file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, and its formatting and
 * parsing. Only this subset of Python literal syntax is understood: strings, {@code True},
 * {@code False} and tuples of integers.
 *
 * @param descr        the data type string, e.g. {@code <f4}
 * @param fortranOrder whether the data is in column-major order
 * @param shape        the array's shape; empty for a scalar
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    /**
     * The dictionary as NumPy writes it, keys sorted, with a trailing {@code ", }"}; without padding.
     */
    String dictionary() {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + tuple(shape) + ", }";
    }

    /** A Python tuple: {@code ()}, {@code (3,)} or {@code (2, 3)}. */
    static String tuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(')').toString();
    }

    /**
     * The complete version 1.0 preamble: magic, version, header length and the dictionary padded
     * with spaces and ended by a newline so that the data starts at a multiple of 64 bytes.
     * Version 2.0 (4-byte length) is used only if the dictionary exceeds 65535 bytes.
     */
    byte[] encode() {
        byte[] dict = dictionary().getBytes(StandardCharsets.US_ASCII);
        int preamble = 10;
        int headerLength = dict.length + 1 + padding(preamble + dict.length + 1);
        boolean v1 = headerLength <= 0xFFFF;
        if (!v1) {
            preamble = 12;
            headerLength = dict.length + 1 + padding(preamble + dict.length + 1);
        }
        byte[] bytes = new byte[preamble + headerLength];
        bytes[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
        bytes[6] = (byte) (v1 ? 1 : 2);
        bytes[7] = 0;
        bytes[8] = (byte) headerLength;
        bytes[9] = (byte) (headerLength >>> 8);
        if (!v1) {
            bytes[10] = (byte) (headerLength >>> 16);
            bytes[11] = (byte) (headerLength >>> 24);
        }
        System.arraycopy(dict, 0, bytes, preamble, dict.length);
        Arrays.fill(bytes, preamble + dict.length, bytes.length - 1, (byte) ' ');
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    private static int padding(int unpadded) {
        return (64 - unpadded % 64) % 64;
    }

    /**
     * Parses the dictionary text (the bytes after the length field, without the magic).
     *
     * @param text   the header text
     * @param source the file name for messages
     * @return the header
     * @throws NpyFormatException naming the problem when the text is not such a dictionary
     */
    static NpyHeader parse(String text, String source) throws NpyFormatException {
        Parser parser = new Parser(text, source);
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        parser.expect('{');
        while (!parser.peekIs('}')) {
            String key = parser.string();
            parser.expect(':');
            switch (key) {
                case "descr" -> descr = parser.string();
                case "fortran_order" -> fortran = parser.bool();
                case "shape" -> shape = parser.shape();
                default -> throw parser.error("unexpected key '" + key + "'");
            }
            if (!parser.peekIs('}')) {
                parser.expect(',');
            }
        }
        parser.expect('}');
        if (descr == null || fortran == null || shape == null) {
            throw new NpyFormatException(source, "header lacks 'descr', 'fortran_order' or 'shape': " + text.trim());
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /** A tiny cursor over the header text. */
    private static final class Parser {
        private final String text;
        private final String source;
        private int at;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        NpyFormatException error(String problem) {
            return new NpyFormatException(source, "bad header at character " + at + " (" + problem + "): "
                    + text.trim());
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        boolean peekIs(char c) throws NpyFormatException {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at) == c;
        }

        void expect(char c) throws NpyFormatException {
            if (!peekIs(c)) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        String string() throws NpyFormatException {
            skipSpace();
            char quote = at < text.length() ? text.charAt(at) : 0;
            if (quote != '\'' && quote != '"') {
                throw error("expected a string");
            }
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(at + 1, end);
            at = end + 1;
            return value;
        }

        boolean bool() throws NpyFormatException {
            skipSpace();
            if (text.startsWith("True", at)) {
                at += 4;
                return true;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return false;
            }
            throw error("expected True or False");
        }

        long[] shape() throws NpyFormatException {
            expect('(');
            List<Long> sizes = new ArrayList<>();
            while (!peekIs(')')) {
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (start == at || at - start > 18) {
                    throw error("expected a non-negative integer size");
                }
                sizes.add(Long.parseLong(text.substring(start, at)));
                if (!peekIs(')')) {
                    expect(',');
                }
            }
            expect(')');
            return sizes.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
