package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.io.Npz;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.NativeMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file is checked against what it holds before anything is allocated: sizes declared in
 * {@code model.json} that its {@code .npy} entries do not back are rejected with a
 * {@link ModelFormatException}, whatever they would cost. Each read runs under an off-heap budget
 * of 1 MB, so a reader that allocates first fails here instead of exhausting the machine.
 */
class DeclaredSizeTest {

    private static final long BUDGET = 1 << 20;

    @TempDir
    Path dir;

    /** A saved Dense(4→3), ReLU, Dense(3→1) with its model.json rewritten. */
    private Path savedWithJson(UnaryOperator<String> edit) throws IOException {
        Path good = dir.resolve("good.nn4j");
        ModelFile.write(good, new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 1)));
        Path bad = dir.resolve("bad.nn4j");
        try (ZipFile in = new ZipFile(good.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
            for (ZipEntry entry : Npz.entries(in)) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(ModelFile.DESCRIPTION)) {
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return bad;
    }

    private ModelFormatException rejectedWithinBudget(Path file) {
        long before = NativeMemory.allocated();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NativeMemory.withBudget(BUDGET, () -> ModelFile.read(file)));
        long grown = NativeMemory.allocated() - before;
        assertTrue(grown < BUDGET, "off-heap grew by " + grown + " bytes");
        return e;
    }

    @Test
    void aDenseLayerDeclaringTwoBillionInputsOverA4By3EntryIsRejectedBeforeAllocating() throws IOException {
        Path file = savedWithJson(json -> json.replaceFirst("\"in\" : 4", "\"in\" : 2000000000"));
        ModelFormatException e = rejectedWithinBudget(file);
        assertTrue(e.getMessage().contains("dense0.W") && e.getMessage().contains("[2000000000, 3]"),
                e.getMessage());
    }

    @Test
    void aHugeLayerWhoseParameterListAgreesWithItIsStillCheckedAgainstTheEntries() throws IOException {
        Path file = savedWithJson(json -> json.replaceFirst("\"in\" : 4", "\"in\" : 2000000000")
                .replaceFirst("\\[ 4, 3 \\]", "[ 2000000000, 3 ]"));
        ModelFormatException e = rejectedWithinBudget(file);
        assertTrue(e.getMessage().contains("dense0.W.npy") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }
}
