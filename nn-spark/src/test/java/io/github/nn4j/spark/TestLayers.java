package io.github.nn4j.spark;

import io.github.nn4j.layers.LayerRegistry;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Registers {@link Scale}; records the JVMs it ran in, so a test can see that it ran on executors. */
public final class TestLayers implements CustomLayers {

    static final Set<String> JVMS = ConcurrentHashMap.newKeySet();

    /** Made by {@link CustomLayersPlugin}. */
    public TestLayers() {
    }

    @Override
    public void register() {
        LayerRegistry.replace(Scale.TYPE, settings -> new Scale(settings.number("factor")));
        JVMS.add(ManagementFactory.getRuntimeMXBean().getName());
    }
}
