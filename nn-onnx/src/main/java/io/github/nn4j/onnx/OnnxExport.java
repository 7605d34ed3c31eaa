package io.github.nn4j.onnx;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.io.AtomicFile;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerType;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import io.github.nn4j.onnx.proto.StringStringEntryProto;
import io.github.nn4j.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Writes an nn4j model as an ONNX model that ONNX Runtime (Python, C++, C#, Java, the browser)
 * and other ONNX tools run: opset {@value ExportOptions#DEFAULT_OPSET} by default (13 to 21 with
 * {@link ExportOptions}), one input named {@value #INPUT} of shape {@code [batch, in]} and one output
 * named {@value #OUTPUT} of shape {@code [batch, out]}, with a symbolic batch dimension, in the model's
 * element type (float32 or float64). Parameters and running statistics are initializers named as in
 * the nn4j model file ({@code dense0.W} {@code [in, out]}, {@code dense0.b} {@code [1, out]},
 * {@code batch_norm0.running_mean} {@code [n]}); nodes are named after the layers.
 *
 * <pre>{@code
 * OnnxExport.write(Path.of("model.onnx"), model);
 * OnnxExport.write(Path.of("model.onnx"), model, normalizer);   // takes raw features
 * OnnxExport.write(Path.of("model.onnx"), model, null, ExportOptions.defaults().opset(13));
 * }</pre>
 *
 * <p>How each layer is written ({@code OnnxImport.read} of the file gives back bitwise the same
 * parameters and predictions, and the same layers but for the dropout layers left out):
 * <pre>
 * Dense        Gemm(x, W, b), W [in, out] as stored (transB = 0), b [1, out]
 * BatchNorm    BatchNormalization(x, γ, β, running_mean, running_var) in inference form,
 *              epsilon = ε, momentum = 1 − m (ONNX's convention)
 * LayerNorm    LayerNormalization(x, γ, β), axis −1, epsilon = ε (opset 17 and later only)
 * ReLU, Sigmoid, Tanh, Softplus, Identity   Relu, Sigmoid, Tanh, Softplus, Identity
 * LeakyReLU    LeakyRelu(alpha = slope)     ELU   Elu(alpha)
 * Softmax      Softmax(axis = 1)            LogSoftmax   LogSoftmax(axis = 1)
 * Dropout      left out by default (the identity at inference, as PyTorch's export leaves it out);
 *              with keepDropout, Dropout(x, ratio = p as a float64 scalar) without a training mode
 * Step         Cast(GreaterOrEqual(x, 0), to = the model's type): 1 where x ≥ 0 (also at 0 and −0), else 0
 * Sign         Where(GreaterOrEqual(x, 0), 1, −1): +1 where x ≥ 0, else −1
 * normalizer   Mul(Sub(x, normalizer.shift), normalizer.scale), first, when one is given; its own
 *              doubles in the model's metadata, so that OnnxImport.readAll gives it back bitwise
 * </pre>
 * An {@code ActivationLayer} around a built-in activation is written like the named layer. ONNX
 * attributes are float32, so the exact doubles of a LeakyReLU slope, an ELU alpha, and a
 * normalization's ε and momentum also go into the node's doc string for the way back. A layer type
 * of your own has no ONNX form and is rejected. ONNX Runtime's CPU provider implements {@code Elu}
 * and {@code Softplus} for float32 only, so a float64 model with those layers is valid ONNX that runs
 * there only once converted to float32.
 */
public final class OnnxExport {

    /** The ONNX operator set version the exported models declare by default. */
    public static final int OPSET = ExportOptions.DEFAULT_OPSET;
    /** The ONNX IR version the exported models declare by default (the one that goes with opset 17). */
    public static final int IR_VERSION = 8;
    /** The name of the exported graph's input. */
    public static final String INPUT = "input";
    /** The name of the exported graph's output. */
    public static final String OUTPUT = "output";
    /** The producer name written into the model. */
    public static final String PRODUCER = "nn4j";

    private OnnxExport() {
    }

    /**
     * Writes {@code model} to {@code file} as ONNX, atomically.
     *
     * @param file  the target, conventionally ending in {@code .onnx}
     * @param model the model
     * @throws IOException              when writing fails; an old file is then unchanged
     * @throws IllegalArgumentException naming the layer when a layer has no ONNX form
     */
    public static void write(Path file, Sequential model) throws IOException {
        byte[] bytes = toBytes(model);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * Writes {@code model} to {@code file} as ONNX with {@code normalizer} folded in as the first
     * nodes, so that the ONNX model takes raw features ({@code normalizer.transform} is not
     * applied before calling it).
     *
     * @param file       the target, conventionally ending in {@code .onnx}
     * @param model      the model
     * @param normalizer the normalizer the model's inputs were fitted with, e.g. from
     *                   {@code ModelFile.readAll(path).normalizer()}
     * @throws IOException              when writing fails; an old file is then unchanged
     * @throws IllegalArgumentException naming the layer when a layer has no ONNX form, or when the
     *                                  normalizer's feature count does not fit the model
     */
    public static void write(Path file, Sequential model, Normalizer normalizer) throws IOException {
        write(file, model, normalizer, ExportOptions.defaults());
    }

    /**
     * Writes {@code model} to {@code file} as ONNX with the given options, atomically.
     *
     * @param file       the target, conventionally ending in {@code .onnx}
     * @param model      the model
     * @param normalizer the normalizer to fold in first, or null for none
     * @param options    the opset and whether to keep dropout nodes
     * @throws IOException              when writing fails; an old file is then unchanged
     * @throws IllegalArgumentException naming the layer when a layer has no ONNX form in that opset,
     *                                  or when the normalizer's feature count does not fit the model
     */
    public static void write(Path file, Sequential model, Normalizer normalizer, ExportOptions options)
            throws IOException {
        byte[] bytes = toBytes(model, normalizer, options);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * The ONNX file's bytes for {@code model}.
     *
     * @param model the model
     * @return the serialized ONNX model
     * @throws IllegalArgumentException naming the layer when a layer has no ONNX form
     */
    public static byte[] toBytes(Sequential model) {
        return toBytes(model, null);
    }

    /**
     * The ONNX file's bytes for {@code model} with {@code normalizer} folded in.
     *
     * @param model      the model
     * @param normalizer the fitted normalizer, or null for none
     * @return the serialized ONNX model
     * @throws IllegalArgumentException naming the layer when a layer has no ONNX form, or when the
     *                                  normalizer's feature count does not fit the model
     */
    public static byte[] toBytes(Sequential model, Normalizer normalizer) {
        return toBytes(model, normalizer, ExportOptions.defaults());
    }

    /**
     * The ONNX file's bytes for {@code model}, with {@code normalizer} folded in, written with the options.
     *
     * @param model      the model
     * @param normalizer the fitted normalizer, or null for none
     * @param options    the opset and whether to keep dropout nodes
     * @return the serialized ONNX model
     * @throws IllegalArgumentException naming the layer when a layer has no ONNX form in that opset, or
     *                                  when the normalizer's feature count does not fit the model
     */
    public static byte[] toBytes(Sequential model, Normalizer normalizer, ExportOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options are null; use ExportOptions.defaults()");
        }
        int elementType = model.dataType() == DataType.DOUBLE ? TensorProto.DataType.DOUBLE_VALUE
                : TensorProto.DataType.FLOAT_VALUE;
        long inputWidth = model.inputSize();
        if (normalizer != null) {
            if (inputWidth != Layer.ANY_SIZE && normalizer.featureCount() != inputWidth) {
                throw new IllegalArgumentException(normalizer + " was fitted on " + normalizer.featureCount()
                        + " features, but " + model + " expects " + inputWidth);
            }
            inputWidth = normalizer.featureCount();
        }
        GraphWriter graph = new GraphWriter(elementType, options.opset());
        LayerWriter layers = new LayerWriter(graph);
        String value = normalizer == null ? INPUT : NormalizerWriter.write(graph, normalizer, INPUT);
        List<Layer> all = model.layers();
        for (int i = 0; i < all.size(); i++) {
            String name = model.layerName(i);
            boolean last = i == all.size() - 1;
            if (all.get(i).typeName().equals(LayerType.DROPOUT.typeName()) && !options.keepDropout()) {
                if (last) {   // the graph's output must still be written
                    graph.node(name, "Identity", List.of(value), OUTPUT);
                    value = OUTPUT;
                }
                continue;
            }
            List<Parameter> parameters = java.util.stream.Stream.concat(model.parameters().stream(),
                    model.states().stream()).filter(p -> p.name().startsWith(name + ".")).toList();
            String output = last ? OUTPUT : name;
            layers.write(name, all.get(i), parameters, value, output);
            value = output;
        }
        long outputWidth = model.outputSize() != Layer.ANY_SIZE ? model.outputSize() : inputWidth;
        ModelProto.Builder onnx = ModelProto.newBuilder()
                .setIrVersion(options.irVersion())
                .setProducerName(PRODUCER)
                .setDocString(model.toString())
                .setGraph(graph.build("nn4j_sequential", INPUT, inputWidth, OUTPUT, outputWidth))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()));
        graph.metadata().forEach((key, text) -> onnx.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(text)));
        return onnx.build().toByteArray();
    }
}
