package io.github.nn4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Spark context for all the tests of a class: started ({@link SparkTesting#context}) before
 * the first, closed after the last. Register it in a static field with
 * {@code @RegisterExtension static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");}.
 */
final class SharedSparkContext implements BeforeAllCallback, AfterAllCallback {

    private final String master;
    private JavaSparkContext context;

    SharedSparkContext(String master) {
        this.master = master;
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = SparkTesting.context(master);
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    /** The context, between the class's first and last test. */
    JavaSparkContext context() {
        return context;
    }
}
