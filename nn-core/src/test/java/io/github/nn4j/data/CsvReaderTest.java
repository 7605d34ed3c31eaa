package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aQuotedCellMayHoldTheDelimiterAndEscapedQuotes() throws IOException {
        Path file = write("\"area, in m²\",\"the \"\"price\"\"\",rooms\n\"70\", 250000 ,3\n 90 ,\"310000\",4\n");
        DataSet data = new CsvReader().labelColumn("the \"price\"").read(file);
        assertArrayEquals(new float[] {70, 3, 90, 4}, data.features().data().asFloat());
        assertArrayEquals(new float[] {250000, 310000}, data.labels().data().asFloat());
        DataSet byArea = new CsvReader().labelColumn("area, in m²").read(file);
        assertArrayEquals(new float[] {70, 90}, byArea.labels().data().asFloat());
    }

    @Test
    void aQuotedCellSpanningLinesOrAnUnclosedQuoteIsNamed() throws IOException {
        DataFileException open = assertThrows(DataFileException.class,
                () -> new CsvReader().read(write("x,y\n1,\"2\n3\",4\n")));
        assertTrue(open.getMessage().contains("line 2, column 2") && open.getMessage().contains("not closed"),
                open.getMessage());
        DataFileException stray = assertThrows(DataFileException.class,
                () -> new CsvReader().read(write("x,y\n\"1\"2,3\n")));
        assertTrue(stray.getMessage().contains("after the closing quote"), stray.getMessage());
    }

    @Test
    void aLeadingByteOrderMarkDoesNotHideTheFirstColumnName() throws IOException {
        Path file = write("\uFEFFlabel,x\n1,5\n0,6\n");
        DataSet data = new CsvReader().labelColumn("label").read(file);
        assertArrayEquals(new float[] {1, 0}, data.labels().data().asFloat());
        assertArrayEquals(new float[] {5, 6}, data.features().data().asFloat());
        DataSet noHeader = new CsvReader().header(false).labelColumn(0).read(write("\uFEFF1,5\n0,6\n"));
        assertArrayEquals(new float[] {1, 0}, noHeader.labels().data().asFloat());
    }
}
