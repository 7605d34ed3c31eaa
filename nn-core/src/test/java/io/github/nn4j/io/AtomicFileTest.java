package io.github.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("run.nn4j");
        AtomicFile.write(target, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("run.nn4j"), files());
    }

    @Test
    void leftoversOfTheTargetAreDeletedAndNothingElse() throws IOException {
        Path target = dir.resolve("run.nn4j");
        for (String name : List.of("run.nn4j", ".run.nn4j.3f2a9c.tmp", ".run.nn4j.ffffffffffffffff.tmp",
                ".other.nn4j.3f2a9c.tmp", ".run.nn4j.notHex.tmp", "run.nn4j.3f2a9c.tmp")) {
            Files.writeString(dir.resolve(name), name);
        }
        assertEquals(2, AtomicFile.deleteLeftovers(target));
        assertEquals(List.of(".other.nn4j.3f2a9c.tmp", ".run.nn4j.notHex.tmp", "run.nn4j", "run.nn4j.3f2a9c.tmp"),
                files());
    }
}
