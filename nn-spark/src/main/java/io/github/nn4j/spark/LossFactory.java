package io.github.nn4j.spark;

import io.github.nn4j.losses.Loss;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Makes a new {@link Loss}, on the driver and on every executor: a loss keeps working buffers,
 * so each worker needs its own instance, and a factory is what Spark can ship. A method reference
 * to one of {@code Loss}'s factories is one:
 *
 * <pre>{@code
 * SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy)
 * }</pre>
 */
@FunctionalInterface
public interface LossFactory extends Supplier<Loss>, Serializable {
}
