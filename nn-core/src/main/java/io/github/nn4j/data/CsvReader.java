package io.github.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a numeric CSV file into a {@link DataSet}: one example per line, one column holding the
 * label and every other column a feature.
 *
 * <p>By default the first line is a header, cells are separated by commas and the label is the
 * last column. Blank lines are skipped and a leading UTF-8 byte order mark is ignored. Cells are
 * trimmed and may be quoted as in RFC 4180: enclosed in double quotes, which may then contain
 * the delimiter, with {@code ""} standing for one quote ({@code "price, in €"}). A quoted cell
 * must end on its own line: cells spanning lines are not supported. Every data cell must be a
 * finite number, so class names must be mapped to indices beforehand. A cell that is not a
 * number, an unclosed quote, or a line with the wrong number of cells gets a
 * {@link DataFileException} naming the file, line and column.
 *
 * <pre>{@code
 * DataSet houses = new CsvReader().delimiter(';').labelColumn("price").read(Path.of("houses.csv"));
 * }</pre>
 */
public final class CsvReader {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private char delimiter = ',';
    private boolean header = true;
    private String labelName;
    private int labelIndex = -1;

    /** A reader with the defaults: comma-separated, a header line, the label in the last column. */
    public CsvReader() {
    }

    /**
     * The character between cells.
     *
     * @param delimiter e.g. {@code ','}, {@code ';'} or {@code '\t'}
     * @return this reader
     */
    public CsvReader delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /**
     * Whether the first line holds column names (default {@code true}).
     *
     * @param header {@code false} if the first line is already data
     * @return this reader
     */
    public CsvReader header(boolean header) {
        this.header = header;
        return this;
    }

    /**
     * The label column by position.
     *
     * @param index 0-based column number; negative numbers count from the end ({@code -1} is the last)
     * @return this reader
     */
    public CsvReader labelColumn(int index) {
        this.labelIndex = index;
        this.labelName = null;
        return this;
    }

    /**
     * The label column by its name in the header.
     *
     * @param name the column name
     * @return this reader
     */
    public CsvReader labelColumn(String name) {
        this.labelName = name;
        return this;
    }

    /**
     * Reads the file.
     *
     * @param file the CSV file, UTF-8
     * @return features {@code [rows, columns − 1]} and labels {@code [rows, 1]}, both FLOAT
     * @throws DataFileException naming file, line and column for a malformed file
     * @throws IOException       if the file cannot be read
     */
    public DataSet read(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        String[] names = null;
        int columns = -1;
        int label = -1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = cells(file, lineNumber, line);
                if (columns < 0) {
                    columns = cells.length;
                    if (columns < 2) {
                        throw new DataFileException(file, "line " + lineNumber, "found " + columns + " column with "
                                + "delimiter '" + delimiter + "'; a data set needs a label and at least one feature");
                    }
                    names = header ? cells : null;
                    label = labelColumn(file, names, columns);
                    if (header) {
                        continue;
                    }
                }
                if (cells.length != columns) {
                    throw new DataFileException(file, "line " + lineNumber, cells.length + " cells, expected "
                            + columns + (header ? " as in the header" : " as in the first line"));
                }
                float[] row = new float[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = number(file, lineNumber, c, names, cells[c]);
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, "end of file", "no data rows");
        }
        float[][] features = new float[rows.size()][columns - 1];
        float[][] labels = new float[rows.size()][1];
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            labels[r][0] = row[label];
            System.arraycopy(row, 0, features[r], 0, label);
            System.arraycopy(row, label + 1, features[r], label, columns - label - 1);
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }

    private int labelColumn(Path file, String[] names, int columns) throws DataFileException {
        if (labelName != null) {
            if (names == null) {
                throw new DataFileException(file, "line 1", "label column '" + labelName
                        + "' is chosen by name, but the reader is set to read no header");
            }
            for (int c = 0; c < names.length; c++) {
                if (names[c].equals(labelName)) {
                    return c;
                }
            }
            throw new DataFileException(file, "line 1", "no column named '" + labelName + "' in the header "
                    + List.of(names));
        }
        int index = labelIndex < 0 ? columns + labelIndex : labelIndex;
        if (index < 0 || index >= columns) {
            throw new DataFileException(file, "line 1", "label column " + labelIndex + " does not exist in "
                    + columns + " columns");
        }
        return index;
    }

    /**
     * Splits one line into trimmed cells, RFC-4180 style: a cell starting with {@code "} (after
     * spaces) runs to the closing quote, {@code ""} inside it is one quote, and only spaces may
     * follow it before the delimiter.
     */
    private String[] cells(Path file, int lineNumber, String line) throws DataFileException {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) == ' ' && delimiter != ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                int column = cells.size() + 1;
                StringBuilder cell = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DataFileException(file, "line " + lineNumber + ", column " + column, "the quoted "
                                + "cell is not closed on this line; cells spanning lines are not supported");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        cell.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && line.charAt(i) == ' ' && delimiter != ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new DataFileException(file, "line " + lineNumber + ", column " + column, "unexpected '"
                            + line.charAt(i) + "' after the closing quote; a quote inside a quoted cell is written \"\"");
                }
                cells.add(cell.toString().strip());
            } else {
                i = start;
                while (i < n && line.charAt(i) != delimiter) {
                    i++;
                }
                cells.add(line.substring(start, i).strip());
            }
            if (i >= n) {
                return cells.toArray(String[]::new);
            }
            i++; // the delimiter
        }
    }

    private static float number(Path file, int line, int column, String[] names, String text)
            throws DataFileException {
        String where = "line " + line + ", column " + (column + 1)
                + (names == null ? "" : " ('" + names[column] + "')");
        if (text.isEmpty()) {
            throw new DataFileException(file, where, "empty cell");
        }
        try {
            float value = Float.parseFloat(text);
            if (!Float.isFinite(value)) {
                throw new DataFileException(file, where, "'" + text + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new DataFileException(file, where, "'" + text + "' is not a number");
        }
    }
}
