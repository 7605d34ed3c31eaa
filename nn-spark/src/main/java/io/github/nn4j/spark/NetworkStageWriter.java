package io.github.nn4j.spark;

import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * Saves a model stage to a Hadoop path: Spark's metadata ({@code metadata/}, the params as MLlib
 * writes them) and the network as an nn4j model file in {@value #NETWORK}. {@link MLWriter#save}
 * has checked the path (and removed it for {@code overwrite()}) before.
 */
final class NetworkStageWriter extends MLWriter {

    /** Where the network is, under the stage's folder. */
    static final String NETWORK = "data/model.nn4j";

    private final Params stage;
    private final Sequential network;

    NetworkStageWriter(Params stage, Sequential network) {
        this.stage = stage;
        this.network = network;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(stage, path, sc(), Option.empty(), Option.empty());
        try {
            write(network, new Path(path, NETWORK), sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the network to " + new Path(path, NETWORK), e);
        }
    }

    /** Writes {@code network} as a model file at {@code target}, through a local temporary file. */
    static void write(Sequential network, Path target, Configuration configuration) throws IOException {
        java.nio.file.Path local = Files.createTempFile("nn4j-stage", ".nn4j");
        try {
            ModelFile.write(local, network);
            FileSystem fileSystem = target.getFileSystem(configuration);
            fileSystem.copyFromLocalFile(false, true, new Path(local.toUri()), target);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
