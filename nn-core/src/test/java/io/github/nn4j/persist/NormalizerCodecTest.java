package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Npz;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Normalizers travel with the model: saved under "normalizer" and given back bit for bit. */
class NormalizerCodecTest {

    @TempDir
    Path dir;

    /** Features with awkward doubles (thirds, tiny and large values) and one constant column. */
    private static final INDArray FEATURES = Nd4j.create(new double[][] {
        {1.0 / 3, -1e-30, 7, 5}, {2.5, 1e30, 7, -0.1}, {-4.75, 0.2, 7, 1e-8}});

    private static Sequential model() {
        return new Sequential(new Dense(4, 2)).init(Initializer.gaussian(), 1);
    }

    private SavedModel saveAndRead(Normalizer normalizer) throws IOException {
        Path file = dir.resolve("model.nn4j");
        ModelFile.write(file, model(), normalizer);
        return ModelFile.readAll(file);
    }

    @Test
    void bothNormalizersRoundTripBitwiseThroughAModelFile() throws IOException {
        for (Normalizer normalizer : List.of(MinMaxScaler.fit(FEATURES), Standardizer.fit(FEATURES))) {
            SavedModel saved = saveAndRead(normalizer);
            Normalizer again = saved.normalizer().orElseThrow();
            assertEquals(normalizer, again, "records compare their arrays exactly");
            assertEquals(normalizer.getClass(), again.getClass());
            INDArray input = FEATURES.castTo(DataType.FLOAT);
            assertArrayEquals(normalizer.transform(input).data().asFloat(), again.transform(input).data().asFloat());
            assertTrue(saved.optimizer().isEmpty());
        }
    }

    @Test
    void statisticsAreFloat64ArraysNumPyCanRead() throws IOException {
        Standardizer standardizer = Standardizer.fit(FEATURES);
        saveAndRead(standardizer);
        Map<String, INDArray> entries = Npz.read(dir.resolve("model.nn4j"));
        INDArray mean = entries.get("normalizer/mean");
        assertEquals(DataType.DOUBLE, mean.dataType());
        assertArrayEquals(standardizer.mean(), mean.toDoubleVector(), 0.0);
        assertArrayEquals(standardizer.std(), entries.get("normalizer/std").toDoubleVector(), 0.0);
    }

    @Test
    void sectionsNameTheirTypeAndStatistics() {
        Section minMax = NormalizerCodec.write(MinMaxScaler.fit(FEATURES));
        assertEquals("min_max", minMax.type());
        assertEquals(List.of("min", "max"), List.copyOf(minMax.arrays().keySet()));
        Section standardize = NormalizerCodec.write(Standardizer.fit(FEATURES));
        assertEquals("standardize", standardize.type());
        assertEquals(List.of("mean", "std"), List.copyOf(standardize.arrays().keySet()));
    }

    @Test
    void aModelSavedWithoutANormalizerHasNone() throws IOException {
        Path file = dir.resolve("plain.nn4j");
        ModelFile.write(file, model());
        assertTrue(ModelFile.readAll(file).normalizer().isEmpty());
    }

    @Test
    void mistakesAreNamed() {
        Standardizer narrow = new Standardizer(new double[] {0, 1}, new double[] {1, 2});
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.write(dir.resolve("x.nn4j"), model(), narrow));
        assertTrue(width.getMessage().contains("fitted on 2 features") && width.getMessage().contains("expects 4"),
                width.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NormalizerCodec.read(new Section("robust", Map.of(), Map.of())));
        assertTrue(unknown.getMessage().contains("unknown normalizer type 'robust'"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NormalizerCodec.read(new Section("min_max", Map.of(), Map.of())));
        assertTrue(missing.getMessage().contains("no array 'min'"), missing.getMessage());
    }
}
