package io.github.nn4j.spark;

import org.apache.spark.SparkConf;

/**
 * Spark settings that suit nn-spark, for an application to apply to its own {@link SparkConf}
 * before it starts the context (nn-spark never changes a running context's settings).
 *
 * <pre>{@code
 * SparkConf conf = SparkSetup.useKryo(new SparkConf().setAppName("training"));
 * }</pre>
 */
public final class SparkSetup {

    private SparkSetup() {
    }

    /**
     * The classes nn-spark sends as data (broadcasts, task results, cached blocks), for
     * {@code SparkConf.registerKryoClasses}.
     *
     * @return the classes
     */
    public static Class<?>[] kryoClasses() {
        return new Class<?>[] {FlatValues.class, GradientSum.class, AverageSum.class, MetricSum.class,
            RoundStart.class, RoundValues.class, TaskTimes.class, ServedModel.class, ModelSpec.class, Block.class,
            SourceBlock.class, BlockPiece.class, Example.class, float[].class, double[].class, int[].class,
            long[].class, byte[].class, java.util.ArrayList.class, java.util.LinkedHashMap.class};
    }

    /**
     * Registers layer types of your own in every JVM of the application, the driver's and each
     * executor's, before any task: adds {@link CustomLayersPlugin} to {@code spark.plugins} and the
     * classes to {@value CustomLayersPlugin#CLASSES}, keeping what {@code conf} has already. Each
     * class runs once per JVM.
     *
     * @param conf    the application's configuration, before the context starts
     * @param classes each with a public no-argument constructor
     * @return {@code conf}
     */
    @SafeVarargs
    public static SparkConf customLayers(SparkConf conf, Class<? extends CustomLayers>... classes) {
        conf.set("spark.plugins", joined(conf.get("spark.plugins", ""), CustomLayersPlugin.class.getName()));
        String names = conf.get(CustomLayersPlugin.CLASSES, "");
        for (Class<? extends CustomLayers> type : classes) {
            names = joined(names, type.getName());
        }
        return conf.set(CustomLayersPlugin.CLASSES, names);
    }

    /** {@code list} (comma-separated) with {@code name} added at the end if it is not there. */
    private static String joined(String list, String name) {
        if (list.isBlank()) {
            return name;
        }
        return java.util.Arrays.stream(list.split(",")).map(String::strip).anyMatch(name::equals) ? list
                : list + "," + name;
    }

    /**
     * Kryo as Spark's data serializer, with nn-spark's classes registered, and task results of up
     * to 64 MB sent straight back to the driver ({@code spark.task.maxDirectResultSize}) rather
     * than through the block manager: a gradient is 4 bytes per parameter. Settings already in
     * {@code conf} are kept, except that the classes are added to Kryo's registrations.
     *
     * @param conf the application's configuration
     * @return {@code conf}
     */
    public static SparkConf useKryo(SparkConf conf) {
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
        return conf.registerKryoClasses(kryoClasses());
    }
}
