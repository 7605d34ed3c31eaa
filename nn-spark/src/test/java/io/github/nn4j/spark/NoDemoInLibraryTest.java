package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * nn-spark is a library jar: its demos live in nn-examples and its benchmarks in nn-bench, so no
 * main source has a {@code main} method.
 */
class NoDemoInLibraryTest {

    @Test
    void noMainSourceHasAMainMethod() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> withMain = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains("static void main("))
                    .map(file -> sources.relativize(file).toString()).sorted().toList();
            assertEquals(List.of(), withMain, "demos go to nn-examples, benchmarks to nn-bench");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
