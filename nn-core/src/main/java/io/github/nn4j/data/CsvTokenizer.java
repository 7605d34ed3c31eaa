package io.github.nn4j.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Reads CSV text cell by cell for {@link CsvReader}, holding one cell at a time, so a line of any
 * length costs no more memory than its longest cell. Lines end at {@code \n}, {@code \r} or
 * {@code \r\n}; a byte order mark at the very start is skipped. A cell is trimmed; one starting
 * with {@code "} (after spaces) runs to the closing quote, {@code ""} inside it is one quote, and
 * only spaces may follow it before the delimiter.
 */
final class CsvTokenizer {

    /** {@link #next} read a cell and more follow on its line. */
    static final int CELL = 0;
    /** {@link #next} read the last cell of its line. */
    static final int LAST_CELL = 1;
    /** {@link #next} found no more input. */
    static final int END = 2;

    private final Reader in;
    private final Path file;
    private final char delimiter;
    private final StringBuilder cell = new StringBuilder();
    private final char[] buffer = new char[1 << 13];
    private int position;
    private int limit;
    private boolean atLineStart = true;
    private int line;
    private int column;
    private boolean blank;

    CsvTokenizer(Reader in, Path file, char delimiter) {
        this.in = in;
        this.file = file;
        this.delimiter = delimiter;
    }

    /** The 1-based line of the last cell read. */
    int line() {
        return line;
    }

    /** The 1-based column of the last cell read. */
    int column() {
        return column;
    }

    /** The last cell read, trimmed. */
    String cell() {
        return cell.toString().strip();
    }

    /** Appends the last cell read, trimmed, to {@code target}, without making a string of it. */
    void appendCellTo(StringBuilder target) {
        int from = 0;
        int to = cell.length();
        while (from < to && Character.isWhitespace(cell.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(cell.charAt(to - 1))) {
            to--;
        }
        target.append(cell, from, to);
    }

    /** After {@link #LAST_CELL}: whether the whole line was whitespace (such lines are skipped). */
    boolean lineWasBlank() {
        return blank;
    }

    /**
     * Reads the next cell.
     *
     * @return {@link #CELL}, {@link #LAST_CELL} or {@link #END}
     * @throws DataFileException for a quoted cell that is not closed on its line or is followed by
     *                           something other than spaces and the delimiter
     */
    int next() throws IOException {
        if (atLineStart) {
            if (peek() == -1) {
                return END;
            }
            line++;
            column = 0;
            blank = true;
            atLineStart = false;
            if (line == 1 && peek() == '\uFEFF') {
                read();
            }
        }
        column++;
        cell.setLength(0);
        while (delimiter != ' ' && peek() == ' ') {
            read();
        }
        return peek() == '"' ? quoted() : plain();
    }

    private int plain() throws IOException {
        while (true) {
            int c = read();
            if (c == -1 || c == '\n' || c == '\r') {
                return endLine(c);
            }
            blank &= Character.isWhitespace(c);
            if (c == delimiter) {
                return CELL;
            }
            cell.append((char) c);
        }
    }

    private int quoted() throws IOException {
        read();
        blank = false;
        while (true) {
            int c = read();
            if (c == -1 || c == '\n' || c == '\r') {
                throw new DataFileException(file, "line " + line + ", column " + column, "the quoted cell is not "
                        + "closed on this line; cells spanning lines are not supported");
            }
            if (c != '"') {
                cell.append((char) c);
            } else if (peek() == '"') {
                cell.append((char) read());
            } else {
                break;
            }
        }
        while (delimiter != ' ' && peek() == ' ') {
            read();
        }
        int c = read();
        if (c == -1 || c == '\n' || c == '\r') {
            return endLine(c);
        }
        if (c != delimiter) {
            throw new DataFileException(file, "line " + line + ", column " + column, "unexpected '" + (char) c
                    + "' after the closing quote; a quote inside a quoted cell is written \"\"");
        }
        return CELL;
    }

    private int endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        atLineStart = true;
        return LAST_CELL;
    }

    private int peek() throws IOException {
        while (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != -1) {
            position++;
        }
        return c;
    }
}
