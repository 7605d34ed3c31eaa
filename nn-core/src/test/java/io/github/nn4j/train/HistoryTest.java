package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path dir;

    private static History twoEpochs() {
        History history = new History();
        history.add(new EpochResult(1, Map.of("loss", 0.9), 100, 0.5, 0.6));
        history.add(new EpochResult(2, Map.of("loss", 0.4), 100, 0.5, 0.6));
        return history;
    }

    @Test
    void writeCsvAndJsonReplaceTheFileWholeAndLeaveNoTemporaryFile() throws IOException {
        Path csv = dir.resolve("history.csv");
        Path json = dir.resolve("history.json");
        Files.writeString(csv, "an older, much longer file that must not shine through ".repeat(20));
        History history = twoEpochs();
        history.writeCsv(csv);
        history.writeJson(json);
        assertEquals(history.toCsv(), Files.readString(csv));
        assertEquals(history.toJson(), Files.readString(json));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(csv, json), files.sorted().toList());
        }
    }

    @Test
    void writtenFilesGetTheFolderDefaultPermissionsNotPrivateTemporaryOnes() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path csv = dir.resolve("history.csv");
        twoEpochs().writeCsv(csv);
        PosixFileAttributeView view = Files.getFileAttributeView(plain, PosixFileAttributeView.class);
        if (view != null) {
            assertEquals(view.readAttributes().permissions(),
                    Files.getFileAttributeView(csv, PosixFileAttributeView.class).readAttributes().permissions());
        }
        assertTrue(Files.size(csv) > 0);
    }
}
