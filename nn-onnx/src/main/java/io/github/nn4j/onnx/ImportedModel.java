package io.github.nn4j.onnx;

import io.github.nn4j.data.Normalizer;
import io.github.nn4j.model.Sequential;
import java.util.Optional;

/**
 * What {@link OnnxImport#readAll} reads from an ONNX file: the model, and the normalizer the graph
 * applies to its input first, if it starts with one ({@code Sub}, then {@code Mul} or {@code Div},
 * by stored rows, as {@code OnnxExport.write(path, model, normalizer)} and Keras' Normalization
 * layer write it).
 *
 * <pre>{@code
 * ImportedModel imported = OnnxImport.readAll(Path.of("model.onnx"));
 * INDArray x = imported.normalizer().map(n -> n.transform(raw)).orElse(raw);
 * INDArray y = imported.model().predict(x);           // what the ONNX graph computes from raw
 * }</pre>
 *
 * @param model      the model, without the normalizer's nodes
 * @param normalizer the leading normalizer, or empty
 */
public record ImportedModel(Sequential model, Optional<Normalizer> normalizer) {

    /** Checks that there is a model. */
    public ImportedModel {
        if (model == null || normalizer == null) {
            throw new IllegalArgumentException("an imported model needs a model and an Optional normalizer");
        }
    }
}
