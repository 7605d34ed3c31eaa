package io.github.nn4j.spark;

import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A driver program in its own JVM, started by {@link ClusterFaultsTest}, on local-cluster with one
 * executor JVM. {@code first <uri> <ready>}
 * trains {@link ClusterRun} with a checkpoint behind {@code uri} every 2 steps and, after step 3 of
 * epoch 2 (the checkpoint after step 2 is written by then), creates the file {@code ready} and waits
 * to be killed. {@code resume <uri> <weights>} resumes the run from {@code uri}, finishes it and
 * writes the weights to {@code weights} as doubles.
 */
public final class CheckpointedDriver {

    private CheckpointedDriver() {
    }

    /**
     * Runs one of the two drivers.
     *
     * @param args {@code first <uri> <ready file>} or {@code resume <uri> <weights file>}
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        String uri = args[1];
        Path file = Path.of(args[2]);
        try (JavaSparkContext context = ClusterRun.oneExecutorContext()) {
            if (args[0].equals("first")) {
                ClusterRun.builder(ClusterRun.model()).checkpoint(uri).checkpointEvery(2)
                        .listener(new WaitToBeKilled(file)).build().fit(ClusterRun.data(context));
                throw new IllegalStateException("the first driver finished: it should have been killed");
            }
            SparkTrainer resumed = ClusterRun.settings(SparkTrainer.resume(uri, context)).checkpoint(uri)
                    .checkpointEvery(2).build();
            resumed.fit(ClusterRun.data(context));
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                for (double weight : ClusterRun.weights(resumed.model())) {
                    out.writeDouble(weight);
                }
            }
        }
    }

    /** After epoch 2's step 3 ends (the checkpoint of step 2 written), signals and blocks. */
    private record WaitToBeKilled(Path ready) implements TrainingListener {
        @Override
        public void onBatchEnd(TrainingState state, int batch, double loss) {
            if (state.epoch() == 2 && batch == 3) {
                try {
                    Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
                    Thread.sleep(Long.MAX_VALUE);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
