package io.github.nn4j.fuzz;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.NormalizerCodec;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.testing.SeededArrays;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Valid inputs for the fuzz targets and their seeds: a tiny data set, and a checkpoint of one of
 * two epochs of Dense(4→3), ReLU, Dropout, Dense(3→2) trained with Adam, saved with a
 * standardizer too, so that its {@code model.json} has every kind of section. Targets that fuzz
 * only {@code model.json} put the fuzzed text in an archive beside this checkpoint's arrays.
 */
final class FuzzArchives {

    private static Map<String, byte[]> checkpointEntries;

    private FuzzArchives() {
    }

    /** Six examples of four features with two targets each, from a fixed seed. */
    static DataSet data() {
        return new DataSet(SeededArrays.uniform(11, DataType.FLOAT, 6, 4), SeededArrays.uniform(12, DataType.FLOAT, 6, 2));
    }

    /** The entries of the checkpoint, {@code model.json} first, by name. */
    static synchronized Map<String, byte[]> checkpointEntries() {
        if (checkpointEntries == null) {
            try {
                Path folder = Files.createTempDirectory("nn4j-fuzz-base");
                Path file = folder.resolve("checkpoint.nn4j");
                writeCheckpoint(file);
                checkpointEntries = entries(Files.readAllBytes(file));
                Files.delete(file);
                Files.delete(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return checkpointEntries;
    }

    /** Writes the checkpoint described above to {@code file}. */
    static void writeCheckpoint(Path file) throws IOException {
        Sequential model = new Sequential(new Dense(4, 3), new ReLU(), new Dropout(0.5), new Dense(3, 2))
                .init(Initializer.he(), 5);
        Trainer trainer = Trainer.builder(model).loss(Loss.mse()).optimizer(new Adam(0.01)).batchSize(4).epochs(2)
                .seed(3).logEpochs(false).progressBar(false).checkpoint(file).listener(stopAfterFirstEpoch()).build();
        trainer.fit(data());
        SavedModel saved = ModelFile.readAll(file);
        Map<String, Section> sections = new LinkedHashMap<>(saved.sections());
        sections.put(ModelFile.NORMALIZER, NormalizerCodec.write(Standardizer.fit(data())));
        ModelFile.write(file, saved.model(), sections);
    }

    private static TrainingListener stopAfterFirstEpoch() {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                state.requestStop("one epoch is enough for a checkpoint");
            }
        };
    }

    /** The entries of a zip archive, by name, in archive order. */
    static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Path file = Files.createTempFile("nn4j-fuzz", ".zip");
        try {
            Files.write(file, zipBytes);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
                }
            }
            return entries;
        } finally {
            Files.delete(file);
        }
    }

    /** A zip of {@code model.json} = {@code json} and the checkpoint's other entries, all stored. */
    static byte[] checkpointWithJson(byte[] json) {
        Map<String, byte[]> entries = new LinkedHashMap<>(checkpointEntries());
        entries.put(ModelFile.DESCRIPTION, json);
        return zip(entries);
    }

    /** A zip of stored entries. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setMethod(ZipEntry.STORED);
                zipEntry.setSize(entry.getValue().length);
                zipEntry.setCompressedSize(entry.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(entry.getValue());
                zipEntry.setCrc(crc.getValue());
                out.putNextEntry(zipEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
