package io.github.nn4j.persist;

import io.github.nn4j.io.Section;
import io.github.nn4j.optim.Adagrad;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.AdamW;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.RmsProp;
import io.github.nn4j.optim.Sgd;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves an optimizer as a model-file {@link Section} and rebuilds it, so that training resumes
 * exactly: the section's type names the optimizer, its settings are the optimizer's settings
 * plus the step count as {@code "steps"}, and its arrays are copies of the state buffers
 * ({@link Optimizer#state()}; none before the first step). Checkpoints store it under
 * {@link ModelFile#OPTIMIZER}:
 *
 * <pre>{@code
 * ModelFile.write(path, model, Map.of(ModelFile.OPTIMIZER, OptimizerCodec.write(optimizer)));
 * Optimizer again = ModelFile.readAll(path).optimizer().orElseThrow();   // OptimizerCodec.read
 * }</pre>
 *
 * <p>nn4j's optimizers, by type name (each setting is the optimizer's read accessor of that name;
 * {@code decayBiases} is {@code decaysBiases()}):
 * <pre>
 * sgd       Sgd       learningRate, momentum, nesterov,         weightDecay, decayBiases   velocity
 * adagrad   Adagrad   learningRate, epsilon,                    weightDecay, decayBiases   sum
 * rmsprop   RmsProp   learningRate, alpha, epsilon,             weightDecay, decayBiases   square_average
 * adam      Adam      learningRate, beta1, beta2, epsilon,      weightDecay, decayBiases   m, v
 * adamw     AdamW     learningRate, beta1, beta2, epsilon,      weightDecay, decayBiases   m, v
 * </pre>
 *
 * <p>An optimizer of your own is saved once its class is registered, before the first save or
 * load; registering a type name or class that is already registered is an error, so nn4j's
 * types cannot be replaced. The step count and state buffers are saved and restored for it
 * through {@link Optimizer#steps()}, {@link Optimizer#state()} and {@link Optimizer#loadState}:
 * <pre>{@code
 * OptimizerCodec.register("lion", Lion.class,
 *         lion -> Map.of("learningRate", lion.learningRate(), "beta", lion.beta()),
 *         section -> new Lion(section.number("learningRate")).beta(section.number("beta")));
 * }</pre>
 * A class is looked up exactly: a subclass of a registered class needs its own registration.
 */
public final class OptimizerCodec {

    private static final String STEPS = "steps";

    /** One registered optimizer class: its type name, how its settings are read and how it is built from them. */
    private record Entry<T extends Optimizer>(String type, Class<T> kind, Function<? super T, Map<String, Object>> settings,
                                              Function<Section, ? extends T> factory) {
        Map<String, Object> settingsOf(Optimizer optimizer) {
            return settings.apply(kind.cast(optimizer));
        }
    }

    private static final Map<String, Entry<?>> BY_TYPE = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Entry<?>> BY_CLASS = new ConcurrentHashMap<>();

    static {
        register("sgd", Sgd.class, sgd -> ordered("learningRate", sgd.learningRate(), "momentum", sgd.momentum(),
                "nesterov", sgd.nesterov(), "weightDecay", sgd.weightDecay(), "decayBiases", sgd.decaysBiases()),
                section -> new Sgd(section.number("learningRate")).momentum(section.number("momentum"))
                        .nesterov(section.flag("nesterov")).weightDecay(section.number("weightDecay"))
                        .decayBiases(section.flag("decayBiases")));
        register("adagrad", Adagrad.class, adagrad -> ordered("learningRate", adagrad.learningRate(),
                "epsilon", adagrad.epsilon(), "weightDecay", adagrad.weightDecay(),
                "decayBiases", adagrad.decaysBiases()),
                section -> new Adagrad(section.number("learningRate")).epsilon(section.number("epsilon"))
                        .weightDecay(section.number("weightDecay")).decayBiases(section.flag("decayBiases")));
        register("rmsprop", RmsProp.class, rmsProp -> ordered("learningRate", rmsProp.learningRate(),
                "alpha", rmsProp.alpha(), "epsilon", rmsProp.epsilon(), "weightDecay", rmsProp.weightDecay(),
                "decayBiases", rmsProp.decaysBiases()),
                section -> new RmsProp(section.number("learningRate")).alpha(section.number("alpha"))
                        .epsilon(section.number("epsilon")).weightDecay(section.number("weightDecay"))
                        .decayBiases(section.flag("decayBiases")));
        register("adam", Adam.class, OptimizerCodec::adamSettings,
                section -> adam(new Adam(section.number("learningRate")), section));
        register("adamw", AdamW.class, OptimizerCodec::adamSettings,
                section -> adam(new AdamW(section.number("learningRate")), section));
    }

    private OptimizerCodec() {
    }

    /**
     * A snapshot of {@code optimizer}: its type, settings, step count and copies of its state buffers.
     *
     * @param optimizer one of nn4j's optimizers, or of a registered class
     * @return the section that {@link #read(Section)} turns back into an equal optimizer
     * @throws UnsupportedOperationException naming the class when it is not registered
     */
    public static Section write(Optimizer optimizer) {
        Entry<?> entry = BY_CLASS.get(optimizer.getClass());
        if (entry == null) {
            throw new UnsupportedOperationException(optimizer + " (" + optimizer.getClass().getName()
                    + ") cannot be saved: register it with OptimizerCodec.register to save it with a model or checkpoint");
        }
        Map<String, Object> settings = new LinkedHashMap<>(entry.settingsOf(optimizer));
        if (settings.containsKey(STEPS)) {
            throw new IllegalArgumentException("the settings of optimizer type '" + entry.type() + "' must not hold '"
                    + STEPS + "': the step count is saved there");
        }
        settings.put(STEPS, optimizer.steps());
        Map<String, INDArray> copies = new LinkedHashMap<>();
        optimizer.state().forEach((name, buffer) -> copies.put(name, buffer.dup()));
        return new Section(entry.type(), settings, copies);
    }

    /**
     * Rebuilds an optimizer saved with {@link #write}: the same class, settings, step count and
     * state, so the next step is bitwise the one the saved optimizer would take.
     *
     * @param section a section written by {@link #write}
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem for an unknown type, a missing setting or
     *                                  state buffers that do not fit
     */
    public static Optimizer read(Section section) {
        Entry<?> entry = BY_TYPE.get(section.type());
        if (entry == null) {
            throw new IllegalArgumentException("unknown optimizer type '" + section.type() + "'; known types are "
                    + new TreeSet<>(BY_TYPE.keySet()) + " (register others with OptimizerCodec.register)");
        }
        return restore(entry, section);
    }

    /**
     * As {@link #read(Section)}, for a section that must hold an optimizer of class {@code kind}.
     *
     * @param section a section written by {@link #write}
     * @param kind    the optimizer's class, e.g. {@code Adam.class}
     * @param <T>     the optimizer's class
     * @return the optimizer
     * @throws IllegalArgumentException naming both types when the section holds another type, or as {@link #read(Section)}
     */
    public static <T extends Optimizer> T read(Section section, Class<T> kind) {
        Entry<?> entry = BY_CLASS.get(kind);
        if (entry == null) {
            throw new IllegalArgumentException(kind.getName() + " is not registered with OptimizerCodec");
        }
        section.requireType(entry.type());
        return kind.cast(restore(entry, section));
    }

    /**
     * Registers how optimizers of one class of your own are saved and rebuilt.
     *
     * @param type     the section type name, e.g. {@code "lion"}
     * @param kind     the optimizer's class; only this exact class is saved under {@code type}
     * @param settings the optimizer's settings as JSON values ({@code Number}, {@code String},
     *                 {@code Boolean}, lists and maps of those), without the step count
     * @param factory  a new optimizer with the settings read from the section (e.g. with
     *                 {@link Section#number}); its step count and state are restored afterwards
     * @param <T>      the optimizer's class
     * @throws IllegalArgumentException when an argument is missing, or the type name or class is
     *                                  already registered
     */
    public static synchronized <T extends Optimizer> void register(String type, Class<T> kind,
            Function<? super T, Map<String, Object>> settings, Function<Section, ? extends T> factory) {
        if (type == null || type.isBlank() || kind == null || settings == null || factory == null) {
            throw new IllegalArgumentException("register needs a type name, a class, a settings function and a "
                    + "factory, got type '" + type + "' for " + kind);
        }
        Entry<?> byType = BY_TYPE.get(type);
        Entry<?> byClass = BY_CLASS.get(kind);
        if (byType != null || byClass != null) {
            Entry<?> existing = byType != null ? byType : byClass;
            throw new IllegalArgumentException("optimizer type '" + existing.type() + "' of "
                    + existing.kind().getName() + " is already registered; cannot register '" + type + "' for "
                    + kind.getName());
        }
        Entry<T> entry = new Entry<>(type, kind, settings, factory);
        BY_TYPE.put(type, entry);
        BY_CLASS.put(kind, entry);
    }

    private static Optimizer restore(Entry<?> entry, Section section) {
        Optimizer optimizer = entry.factory().apply(section);
        optimizer.loadState(section.arrays(), section.integer(STEPS));
        return optimizer;
    }

    private static Map<String, Object> adamSettings(Adam adam) {
        return ordered("learningRate", adam.learningRate(), "beta1", adam.beta1(), "beta2", adam.beta2(),
                "epsilon", adam.epsilon(), "weightDecay", adam.weightDecay(), "decayBiases", adam.decaysBiases());
    }

    private static <A extends Adam> A adam(A adam, Section section) {
        adam.betas(section.number("beta1"), section.number("beta2")).epsilon(section.number("epsilon"))
                .weightDecay(section.number("weightDecay")).decayBiases(section.flag("decayBiases"));
        return adam;
    }

    /** A map of the given names and values, in that order. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
