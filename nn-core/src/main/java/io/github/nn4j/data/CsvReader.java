package io.github.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * {@link DataFileException} naming the file, line and column. Cells are read one at a time and
 * kept as four-byte numbers, so a line of any length costs no more than its longest cell.
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
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvTokenizer cells = new CsvTokenizer(reader, file, delimiter);
            CsvCells first = firstLine(cells);
            if (first == null) {
                throw new DataFileException(file, "end of file", "no data rows");
            }
            int columns = first.size();
            if (columns < 2) {
                throw new DataFileException(file, "line " + cells.line(), "found " + columns + " column with "
                        + "delimiter '" + delimiter + "'; a data set needs a label and at least one feature");
            }
            CsvCells names = header ? first : null;
            int label = labelColumn(file, names, columns);
            CsvValues values = new CsvValues(file, columns, names);
            if (!header) {
                values.addLine(first, cells.line());
            }
            values.readLines(cells, header ? " as in the header" : " as in the first line");
            if (values.rows() == 0) {
                throw new DataFileException(file, "end of file", "no data rows");
            }
            return values.toDataSet(label);
        }
    }

    /** The cells of the first line that is not blank, or {@code null} when there is none. */
    private static CsvCells firstLine(CsvTokenizer cells) throws IOException {
        CsvCells line = new CsvCells();
        for (int read = cells.next(); read != CsvTokenizer.END; read = cells.next()) {
            line.add(cells);
            if (read == CsvTokenizer.LAST_CELL) {
                if (!cells.lineWasBlank()) {
                    return line;
                }
                line = new CsvCells();
            }
        }
        return null;
    }

    private int labelColumn(Path file, CsvCells names, int columns) throws DataFileException {
        if (labelName != null) {
            if (names == null) {
                throw new DataFileException(file, "line 1", "label column '" + labelName
                        + "' is chosen by name, but the reader is set to read no header");
            }
            int index = names.indexOf(labelName);
            if (index >= 0) {
                return index;
            }
            throw new DataFileException(file, "line 1", "no column named '" + labelName + "' in the header "
                    + names);
        }
        int index = labelIndex < 0 ? columns + labelIndex : labelIndex;
        if (index < 0 || index >= columns) {
            throw new DataFileException(file, "line 1", "label column " + labelIndex + " does not exist in "
                    + columns + " columns");
        }
        return index;
    }
}
