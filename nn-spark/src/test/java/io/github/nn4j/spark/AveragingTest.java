package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.History;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/** Averaging mode: at one local step with plain SGD it is synchronous mode; with more, it still learns. */
class AveragingTest {

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void oneLocalStepWithSgdEqualsSynchronousMode() {
        List<Example> examples = SparkTesting.classification(103, 7, 5);
        Sequential synchronous = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        Sequential averaged = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        sgd(synchronous).build().fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), examples, 40, 63)));
        sgd(averaged).averaging(1).build().fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), examples, 40, 63)));
        double difference = SparkTesting.relativeDifference(averaged, synchronous);
        System.out.printf("averaging k=1 vs synchronous, SGD: %.2e%n", difference);
        assertTrue(difference <= 1e-10, "averaging k = 1 vs synchronous: " + difference);
    }

    @Test
    void withFiveLocalStepsAndAdamTheLossStillFalls() {
        List<Example> examples = SparkTesting.classification(600, 7, 8);
        Sequential model = new Sequential(new Dense(7, 32), new ReLU(), new Dense(32, 3)).init(Initializer.he(), 2);
        History history = SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01))
                .averaging(5).batchSize(32).epochs(4).seed(1).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SPARK.context().parallelize(examples, 2)));
        List<Double> loss = history.metric("loss");
        System.out.println("averaging k=5, Adam: loss " + loss + ", accuracy " + history.metric("accuracy"));
        assertTrue(loss.get(3) < 0.7 * loss.get(0), "loss " + loss);
        assertTrue(history.last("accuracy") > 0.85, "accuracy " + history.metric("accuracy"));
    }

    private static SparkTrainerBuilder sgd(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Sgd(0.3).weightDecay(1e-3))
                .regularization(Regularization.l2(1e-3)).schedule(LearningRateSchedule.exponential(0.3, 0.8))
                .batchSize(20).epochs(3).seed(9).logEpochs(false).progressBar(false);
    }
}
