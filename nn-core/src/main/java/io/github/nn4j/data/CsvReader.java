package io.github.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a numeric CSV file into a {@link DataSet}: one example per line, one column holding the
 * label and every other column a feature.
 *
 * <p>By default the first line is a header, cells are separated by commas and the label is the
 * last column. Blank lines are skipped; cells are trimmed and may be enclosed in double quotes.
 * Every cell must be a finite number, so class names must be mapped to indices beforehand;
 * quoted cells containing the delimiter are not supported. A cell that is not a number, or a
 * line with the wrong number of cells, gets a {@link DataFileException} naming the file, line
 * and column.
 *
 * <pre>{@code
 * DataSet houses = new CsvReader().delimiter(';').labelColumn("price").read(Path.of("houses.csv"));
 * }</pre>
 */
public final class CsvReader {

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
        Pattern split = Pattern.compile(Pattern.quote(String.valueOf(delimiter)));
        List<float[]> rows = new ArrayList<>();
        String[] names = null;
        int columns = -1;
        int label = -1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split.split(line, -1);
                if (columns < 0) {
                    columns = cells.length;
                    if (columns < 2) {
                        throw new DataFileException(file, "line " + lineNumber, "found " + columns + " column with "
                                + "delimiter '" + delimiter + "'; a data set needs a label and at least one feature");
                    }
                    names = header ? unquoteAll(cells) : null;
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

    private static float number(Path file, int line, int column, String[] names, String cell)
            throws DataFileException {
        String text = unquote(cell);
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

    private static String[] unquoteAll(String[] cells) {
        String[] names = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            names[i] = unquote(cells[i]);
        }
        return names;
    }

    private static String unquote(String cell) {
        String text = cell.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }
}
