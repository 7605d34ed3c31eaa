package io.github.nn4j.spark;

/**
 * Registers layer types of your own in a JVM of a Spark application, the driver's and every
 * executor's: executors rebuild each layer from its type name and settings through
 * {@code LayerRegistry}, so a type that is not built in must be registered there too. Implement it
 * with a public no-argument constructor, and name it with {@link SparkSetup#customLayers} before
 * the context starts; {@link CustomLayersPlugin} then runs it once in each JVM, before any task.
 *
 * <pre>{@code
 * public final class MyLayers implements CustomLayers {
 *     public void register() {
 *         LayerRegistry.replace("scale", settings -> new Scale(settings.number("factor")));
 *     }
 * }
 * SparkConf conf = SparkSetup.customLayers(SparkSetup.useKryo(new SparkConf()), MyLayers.class);
 * }</pre>
 *
 * <p>Use {@code LayerRegistry.replace} rather than {@code register}: in local mode the driver and
 * the executor share one JVM, and your own code may have registered the type there already.
 */
@FunctionalInterface
public interface CustomLayers {

    /** Registers the layer types with {@code LayerRegistry.replace}. */
    void register();
}
