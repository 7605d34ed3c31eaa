package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.io.IOException;

/**
 * Resuming from a checkpoint whose {@code model.json} is any bytes, beside a real checkpoint's
 * arrays: {@code Trainer.resume(path)}, {@code build()} and one epoch of {@code fit} either
 * train or throw a documented exception. Besides the readers' exceptions, {@code fit} may stop
 * with its documented {@code IllegalStateException} for a loss that is not finite (a fuzzed
 * learning rate can make it so); nothing else.
 */
class CheckpointFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void checkpointResume(byte[] json) {
        byte[] archive = FuzzArchives.checkpointWithJson(json);
        FuzzHarness.check(archive.length, 1, () -> resume(archive));
    }

    static Object resume(byte[] archive) throws IOException {
        Trainer trainer = Trainer.resume(FuzzHarness.file("checkpoint.nn4j", archive)).loss(Loss.mse())
                .logEpochs(false).progressBar(false).listener(stopAfterOneEpoch()).build();
        try {
            return trainer.fit(FuzzArchives.data());
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("loss became ")) {
                return e;   // fit's documented stop for a loss that became NaN or infinite
            }
            throw e;
        }
    }

    private static TrainingListener stopAfterOneEpoch() {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                state.requestStop("one epoch per input");
            }
        };
    }
}
