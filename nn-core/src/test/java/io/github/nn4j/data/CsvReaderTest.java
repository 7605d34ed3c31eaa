package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsHeaderLabelByNameAndDelimiter() throws IOException {
        Path file = write("a;label;\"b\"\n1;0;2.5\n\n3;1;-4e1\n");
        DataSet data = new CsvReader().delimiter(';').labelColumn("label").read(file);
        assertArrayEquals(new float[] {1, 2.5f, 3, -40}, data.features().data().asFloat());
        assertArrayEquals(new int[] {0, 1}, data.classIndices());
    }

    @Test
    void defaultsToCommaHeaderAndLastColumn() throws IOException {
        DataSet data = new CsvReader().read(write("x,y\n1,2\n3,4\n"));
        assertArrayEquals(new float[] {1, 3}, data.features().data().asFloat());
        assertArrayEquals(new float[] {2, 4}, data.labels().data().asFloat());
        DataSet noHeader = new CsvReader().header(false).labelColumn(0).read(write("1,2\n3,4\n"));
        assertArrayEquals(new float[] {2, 4}, noHeader.features().data().asFloat());
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        Path file = write("a,b,label\n1,2,0\n3,oops,1\n");
        DataFileException error = assertThrows(DataFileException.class, () -> new CsvReader().read(file));
        assertEquals(file + ": line 3, column 2 ('b'): 'oops' is not a number", error.getMessage());
    }

    @Test
    void wrongCellCountAndMissingColumnsAreNamed() throws IOException {
        Path file = write("a,b,label\n1,2,0\n3,1\n");
        DataFileException error = assertThrows(DataFileException.class, () -> new CsvReader().read(file));
        assertEquals(file + ": line 3: 2 cells, expected 3 as in the header", error.getMessage());
        DataFileException noColumn = assertThrows(DataFileException.class,
                () -> new CsvReader().labelColumn("y").read(write("a,b\n1,2\n")));
        assertEquals(dir.resolve("data.csv") + ": line 1: no column named 'y' in the header [a, b]", noColumn.getMessage());
        DataFileException empty = assertThrows(DataFileException.class, () -> new CsvReader().read(write("a,b\n")));
        assertEquals(dir.resolve("data.csv") + ": end of file: no data rows", empty.getMessage());
    }
}
