package io.github.nn4j.trace;

import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerFormulas;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worked-example names of a model's layers and parameters: each layer's {@link
 * LayerFormulas} filled in with its stage, its input's symbol and its own.
 */
final class Notation {

    /**
     * One layer's symbols and formulas.
     *
     * @param input         its input's symbol, e.g. {@code X}
     * @param output        its output's symbol, e.g. {@code z1}
     * @param forward       the output's formula, e.g. {@code X·W1 + b1}
     * @param inputGradient the formula of dL/d(input)
     */
    record LayerNames(String input, String output, String forward, String inputGradient) {
    }

    /**
     * One parameter's symbol and gradient formula.
     *
     * @param symbol   e.g. {@code W1}
     * @param gradient e.g. {@code Xᵀ·dL/dz1}
     */
    record ParameterNames(String symbol, String gradient) {
    }

    private final List<LayerNames> layers;
    private final Map<String, ParameterNames> parameters;
    private final Map<String, ParameterNames> states;

    private Notation(List<LayerNames> layers, Map<String, ParameterNames> parameters,
            Map<String, ParameterNames> states) {
        this.layers = layers;
        this.parameters = parameters;
        this.states = states;
    }

    /** Names every layer and parameter of {@code model}, first layer to last; the input is {@code X}. */
    static Notation of(Sequential model) {
        List<LayerNames> layers = new ArrayList<>();
        Map<String, ParameterNames> parameters = new HashMap<>();
        Map<String, ParameterNames> states = new HashMap<>();
        Set<String> used = new HashSet<>();
        String previous = "X";
        int stage = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            String name = model.layerName(i);
            LayerFormulas formulas = layer.formulas();
            stage += formulas.opensStage() ? 1 : 0;
            String symbol = stage == 0 && LayerFormulas.usesStage(formulas.output()) ? name
                    : LayerFormulas.fill(formulas.output(), stage, name, previous, "");
            if (!used.add(symbol)) {
                symbol = name;
                used.add(symbol);
            }
            Filler fill = new Filler(stage, name, previous, symbol);
            layers.add(new LayerNames(previous, symbol, fill.apply(formulas.forward()),
                    fill.apply(formulas.inputGradient())));
            for (LayerFormulas.ParameterFormula parameter : formulas.parameters()) {
                parameters.put(name + "." + parameter.name(),
                        new ParameterNames(fill.apply(parameter.symbol()), fill.apply(parameter.gradient())));
            }
            for (LayerFormulas.StateFormula state : formulas.states()) {
                states.put(name + "." + state.name(),
                        new ParameterNames(fill.apply(state.symbol()), fill.apply(state.update())));
            }
            previous = symbol;
        }
        return new Notation(List.copyOf(layers), Map.copyOf(parameters), Map.copyOf(states));
    }

    /** Layer {@code index}'s names. */
    LayerNames layer(int index) {
        return layers.get(index);
    }

    /** A parameter's names by its model name; its own name and "backpropagation" when its layer gives none. */
    ParameterNames parameter(String name) {
        return parameters.getOrDefault(name, new ParameterNames(name, "backpropagation"));
    }

    /** A state entry's symbol and update formula; its own name and "updated by its layer" when its layer gives none. */
    ParameterNames state(String name) {
        return states.getOrDefault(name, new ParameterNames(name, "updated by its layer"));
    }

    /** Fills in templates for one layer. */
    private record Filler(int stage, String layer, String input, String output) {
        String apply(String template) {
            return LayerFormulas.fill(template, stage, layer, input, output);
        }
    }
}
