package io.github.nn4j.spark;

import org.apache.spark.ml.util.Identifiable;

/**
 * Gives a Spark ML stage written in Java its uid before Spark's Scala parameter traits ask for it.
 *
 * <p>Spark's stage classes create their parameters ({@code featuresCol}, {@code labelCol}, …) in
 * their own constructors, and each parameter records {@code parent.uid()}: so {@code uid()} is
 * called before a Java subclass has assigned any field. A stage's constructor therefore hands its
 * uid over first, in the argument of {@code this(…)}, which Java evaluates before the superclass
 * constructor runs; the stage's {@code uid()} takes it on its first call, in the same thread:
 *
 * <pre>{@code
 * public Stage(String uid) { this(StageIds.hold(uid)); }
 * private Stage(StageIds.Held held) { super(); … }
 * public String uid() { if (uid == null) { uid = StageIds.take(); } return uid; }
 * }</pre>
 */
final class StageIds {

    /** Proof that a uid was handed over, for the private constructor's signature. */
    static final class Held {
        private Held() {
        }
    }

    private static final Held HELD = new Held();
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private StageIds() {
    }

    /**
     * Hands {@code uid} to the stage about to be constructed in this thread.
     *
     * @throws IllegalArgumentException when the uid is null or blank
     */
    static Held hold(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("a stage's uid must not be blank, got '" + uid + "'");
        }
        PENDING.set(uid);
        return HELD;
    }

    /** A new random uid such as {@code nn4jClassifier_4f1c2a9b0d3e}, handed over as {@link #hold} does. */
    static Held fresh(String prefix) {
        return hold(Identifiable.randomUID(prefix));
    }

    /** The uid handed over in this thread, which it then forgets. */
    static String take() {
        String uid = PENDING.get();
        PENDING.remove();
        if (uid == null) {
            throw new IllegalStateException("no uid was handed over: a stage must be constructed through StageIds.hold");
        }
        return uid;
    }
}
