package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.testing.NativeMemory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

    @Test
    void namesAndShapesAreThoseTheBuiltModelGivesItsParameters() {
        Map<String, long[]> layout = ParameterLayout.of(List.of(new Dense(4, 3), new ReLU(), new Dropout(0.5),
                new Dense(3, 2)));
        Sequential model = new Sequential(new Dense(4, 3), new ReLU(), new Dropout(0.5), new Dense(3, 2));
        assertEquals(model.parameters().stream().map(Parameter::name).toList(), List.copyOf(layout.keySet()));
        for (Parameter parameter : model.parameters()) {
            assertArrayEquals(parameter.value().shape(), layout.get(parameter.name()), parameter.name());
        }
    }

    @Test
    void aHugeLayerCostsNothingAndLayersThatDoNotFitAreRejectedAsTheConstructorRejectsThem() throws Exception {
        long before = NativeMemory.allocated();
        NativeMemory.withBudget(0, () -> assertArrayEquals(new long[] {2_000_000_000, 3},
                ParameterLayout.of(List.of(new Dense(2_000_000_000, 3))).get("dense0.W")));
        assertEquals(before, NativeMemory.allocated());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.of(List.of(new Dense(4, 3), new Dense(4, 1))));
        assertTrue(e.getMessage().contains("expects 4 input features"), e.getMessage());
    }
}
