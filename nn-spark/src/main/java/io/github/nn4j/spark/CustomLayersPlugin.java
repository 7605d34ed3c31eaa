package io.github.nn4j.spark;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * The Spark plugin ({@code spark.plugins}) that runs the {@link CustomLayers} named in
 * {@value #CLASSES} once in the driver's JVM, when the context starts, and once in every
 * executor's JVM, when the executor starts and before it runs a task. Set both with
 * {@link SparkSetup#customLayers}.
 */
public final class CustomLayersPlugin implements SparkPlugin {

    /** The setting that names the {@link CustomLayers} classes, separated by commas. */
    public static final String CLASSES = "spark.nn4j.customLayers";

    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    /** Made by Spark, from {@code spark.plugins}. */
    public CustomLayersPlugin() {
    }

    /** @return the part that runs on the driver */
    @Override
    public DriverPlugin driverPlugin() {
        return new DriverPlugin() {
            @Override
            public Map<String, String> init(SparkContext context, PluginContext plugin) {
                registerAll(context.getConf());
                return Map.of();
            }
        };
    }

    /** @return the part that runs on each executor */
    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext plugin, Map<String, String> extraConf) {
                registerAll(plugin.conf());
            }
        };
    }

    /**
     * Runs each class named in {@code conf} that has not run in this JVM yet.
     *
     * @throws IllegalArgumentException naming the class when it cannot be loaded or made, or is no {@link CustomLayers}
     */
    static void registerAll(SparkConf conf) {
        for (String name : Arrays.stream(conf.get(CLASSES, "").split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList()) {
            synchronized (DONE) {
                if (DONE.contains(name)) {
                    continue;
                }
                instance(name).register();
                DONE.add(name);
            }
        }
    }

    private static CustomLayers instance(String name) {
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            if (!CustomLayers.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(CLASSES + " names " + name + ", which does not implement "
                        + CustomLayers.class.getName());
            }
            return (CustomLayers) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(CLASSES + " names " + name + ", which cannot be loaded and made with a "
                    + "public no-argument constructor: " + e, e);
        }
    }
}
