package io.github.nn4j.spark;

import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/**
 * Loads a model stage saved by {@link NetworkStageWriter}: checks that the metadata names the
 * expected class, reads the network (a model file: every size checked before anything is
 * allocated), then makes the stage with the saved uid and sets the saved params.
 *
 * @param <M> the stage's class
 */
final class NetworkStageReader<M extends Params> extends MLReader<M> {

    private final Class<M> type;
    private final BiFunction<String, Sequential, M> factory;

    NetworkStageReader(Class<M> type, BiFunction<String, Sequential, M> factory) {
        this.type = type;
        this.factory = factory;
    }

    @Override
    public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(), type.getName());
        Path file = new Path(path, NetworkStageWriter.NETWORK);
        Sequential network;
        try {
            network = read(file, sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the network of " + path + " from " + file, e);
        }
        M stage = factory.apply(metadata.uid(), network);
        metadata.getAndSetParams(stage, Option.empty());
        return stage;
    }

    /** Reads the model file at {@code source} through a local temporary copy. */
    static Sequential read(Path source, Configuration configuration) throws IOException {
        java.nio.file.Path local = Files.createTempFile("nn4j-stage", ".nn4j");
        try {
            FileSystem fileSystem = source.getFileSystem(configuration);
            fileSystem.copyToLocalFile(false, source, new Path(local.toUri()), true);
            return ModelFile.read(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
