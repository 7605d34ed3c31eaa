package io.github.nn4j.data;

import java.util.Arrays;

/**
 * The cells of one CSV line kept as text (the header's column names, or a first line not yet
 * known to be data): all in one character buffer, with each cell's length as a variable-length
 * number (one byte for a cell under 128 characters). So the cells take about as much memory as
 * the line's bytes, however many there are; finding the i-th cell walks the lengths, which only
 * error messages and the search for the label column by name do.
 */
final class CsvCells {

    private static final int SHOWN = 20;

    private final StringBuilder text = new StringBuilder();
    private byte[] lengths = new byte[16];
    private int lengthBytes;
    private int size;

    /** Adds the tokenizer's last cell. */
    void add(CsvTokenizer cells) {
        int start = text.length();
        cells.appendCellTo(text);
        int length = text.length() - start;
        do {
            if (lengthBytes == lengths.length) {
                lengths = Arrays.copyOf(lengths, (int) Math.min(Integer.MAX_VALUE - 8, 2L * lengths.length));
            }
            lengths[lengthBytes++] = (byte) (length > 0x7F ? (length & 0x7F) | 0x80 : length);
            length >>>= 7;
        } while (length > 0);
        size++;
    }

    int size() {
        return size;
    }

    String get(int index) {
        Cursor cursor = new Cursor();
        for (int i = 0; i < index; i++) {
            cursor.next();
        }
        int start = cursor.start;
        return text.substring(start, start + cursor.next());
    }

    /**
     * The first cell equal to {@code name}.
     *
     * @param name the text to look for
     * @return its index, or -1
     */
    int indexOf(String name) {
        Cursor cursor = new Cursor();
        for (int i = 0; i < size; i++) {
            int start = cursor.start;
            if (cursor.next() == name.length() && regionEquals(start, name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean regionEquals(int start, String name) {
        for (int k = 0; k < name.length(); k++) {
            if (text.charAt(start + k) != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The cells as a list would print them, {@code [a, b]}; after {@value #SHOWN} of them, how many more. */
    @Override
    public String toString() {
        StringBuilder list = new StringBuilder("[");
        Cursor cursor = new Cursor();
        for (int i = 0; i < Math.min(size, SHOWN); i++) {
            int start = cursor.start;
            list.append(i == 0 ? "" : ", ").append(text, start, start + cursor.next());
        }
        if (size > SHOWN) {
            list.append(", … (").append(size - SHOWN).append(" more)");
        }
        return list.append(']').toString();
    }

    /** Walks the cells: where the next one starts, and its length. */
    private final class Cursor {
        int start;
        private int at;

        /** The next cell's length; {@link #start} then moves past it. */
        int next() {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = lengths[at++];
                length |= (b & 0x7F) << shift;
                if (b >= 0) {
                    break;
                }
            }
            start += length;
            return length;
        }
    }
}
