package io.github.nn4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numbers of a CSV file's data lines, row after row in one growing {@code float} buffer, so
 * they take four bytes per cell (eight while the buffer grows), and the data set made of them.
 * A line is checked whole before it is kept: first its number of cells, then each cell in column
 * order, so a bad line is reported as before whatever else is wrong with it.
 */
final class CsvValues {

    private static final int SHOWN = 64;

    private final Path file;
    private final int columns;
    private final CsvCells names;
    private float[] values = new float[64];
    private int size;

    /**
     * @param file    the file, for messages
     * @param columns cells per line
     * @param names   the header's column names, or {@code null} without a header
     */
    CsvValues(Path file, int columns, CsvCells names) {
        this.file = file;
        this.columns = columns;
        this.names = names;
    }

    /** Number of rows kept. */
    int rows() {
        return size / columns;
    }

    /** Keeps a first line already split into cells. */
    void addLine(CsvCells cells, int line) throws DataFileException {
        float[] row = new float[columns];
        for (int c = 0; c < columns; c++) {
            row[c] = number(line, c, cells.get(c));
        }
        append(row);
    }

    /**
     * Reads and keeps every following line that is not blank.
     *
     * @param cells       the tokenizer, after the first line
     * @param expectation why {@code columns} cells are expected, e.g. {@code " as in the header"}
     * @throws DataFileException naming the line (and column) of a line with another number of
     *                           cells or a cell that is not a finite number
     */
    void readLines(CsvTokenizer cells, String expectation) throws IOException {
        float[] row = null;   // allocated with the first data line: a header alone costs no row
        int count = 0;
        DataFileException firstBadCell = null;
        for (int read = cells.next(); read != CsvTokenizer.END; read = cells.next()) {
            if (row == null) {
                row = new float[columns];
            }
            if (count < columns && firstBadCell == null) {
                try {
                    row[count] = number(cells.line(), count, cells.cell());
                } catch (DataFileException e) {
                    firstBadCell = e;   // reported once the line is known not to be blank or of another width
                }
            }
            count++;
            if (read == CsvTokenizer.LAST_CELL) {
                if (!cells.lineWasBlank()) {
                    if (count != columns) {
                        throw new DataFileException(file, "line " + cells.line(), count + " cells, expected " + columns
                                + expectation);
                    }
                    if (firstBadCell != null) {
                        throw firstBadCell;
                    }
                    append(row);
                }
                count = 0;
                firstBadCell = null;
            }
        }
    }

    private void append(float[] row) throws DataFileException {
        if (size + columns > values.length) {
            long grown = Math.max(2L * values.length, (long) size + columns);
            if (size + (long) columns > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file, "line " + rows(), "more than " + (Integer.MAX_VALUE - 8)
                        + " values, too many for one array");
            }
            values = Arrays.copyOf(values, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
        System.arraycopy(row, 0, values, size, columns);
        size += columns;
    }

    /** Features {@code [rows, columns − 1]} and labels {@code [rows, 1]}, the label taken from column {@code label}. */
    DataSet toDataSet(int label) {
        int rows = rows();
        float[] features = new float[rows * (columns - 1)];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            int from = r * columns;
            labels[r] = values[from + label];
            System.arraycopy(values, from, features, r * (columns - 1), label);
            System.arraycopy(values, from + label + 1, features, r * (columns - 1) + label, columns - label - 1);
        }
        values = null;
        return new DataSet(Nd4j.create(features, new long[] {rows, columns - 1}, 'c'),
                Nd4j.create(labels, new long[] {rows, 1}, 'c'));
    }

    private float number(int line, int column, String text) throws DataFileException {
        String where = "line " + line + ", column " + (column + 1)
                + (names == null ? "" : " ('" + names.get(column) + "')");
        if (text.isEmpty()) {
            throw new DataFileException(file, where, "empty cell");
        }
        try {
            float value = Float.parseFloat(text);
            if (!Float.isFinite(value)) {
                throw new DataFileException(file, where, "'" + shortened(text) + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new DataFileException(file, where, "'" + shortened(text) + "' is not a number");
        }
    }

    /** A cell's text for a message: at most {@value #SHOWN} characters, then an ellipsis. */
    private static String shortened(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}
