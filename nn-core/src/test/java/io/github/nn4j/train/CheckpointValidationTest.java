package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.testing.SeededArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** A checkpoint whose progress or optimizer state cannot be right is refused when resumed, naming what is wrong. */
class CheckpointValidationTest {

    @TempDir
    Path dir;

    private SavedModel checkpoint;

    @BeforeEach
    void trainOneEpoch() throws IOException {
        Path file = dir.resolve("run.nn4j");
        Trainer.builder(new Sequential(new Dense(3, 2))).loss(Loss.mse()).optimizer(new Adam(0.01)).batchSize(2)
                .epochs(1).logEpochs(false).progressBar(false).checkpoint(file).build()
                .fit(new DataSet(SeededArrays.uniform(1, DataType.FLOAT, 4, 3), SeededArrays.uniform(2, DataType.FLOAT, 4, 2)));
        checkpoint = ModelFile.readAll(file);
    }

    /** The checkpoint with its training progress settings changed, written and read back. */
    private SavedModel withProgress(String setting, Object value) throws IOException {
        Section progress = checkpoint.section(ModelFile.TRAINING).orElseThrow();
        Map<String, Object> settings = new LinkedHashMap<>(progress.settings());
        settings.put(setting, value);
        Map<String, Section> sections = new LinkedHashMap<>(checkpoint.sections());
        sections.put(ModelFile.TRAINING, new Section(progress.type(), settings, progress.arrays()));
        Path file = dir.resolve("changed.nn4j");
        ModelFile.write(file, checkpoint.model(), sections);
        return ModelFile.readAll(file);
    }

    private void assertRefused(SavedModel bad, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(bad));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void progressOutOfRangeOrBeyondAnIntIsRefused() throws IOException {
        assertRefused(withProgress("epoch", -3), "epoch -3 of 1 epochs");
        assertRefused(withProgress("epochs", 0), "epoch 1 of 0 epochs");
        assertRefused(withProgress("batchSize", 0), "batch size 0");
        assertRefused(withProgress("batchSize", 1L << 40), "'batchSize'");
        assertRefused(withProgress("epochs", (1L << 33) + 2), "'epochs'");
    }

    @Test
    void optimizerStateForAnotherModelIsRefused() throws IOException {
        Path file = dir.resolve("other.nn4j");
        ModelFile.write(file, new Sequential(new Dense(3, 3)), checkpoint.sections());
        assertRefused(ModelFile.readAll(file), "holds state 'm' for 8 parameters, but its model has 12");
    }
}
