package io.github.nn4j.onnx.fuzz;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.layers.ActivationLayer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ELU;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Softplus;
import io.github.nn4j.layers.Step;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.ExportOptions;
import io.github.nn4j.onnx.OnnxExport;
import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The seed inputs of {@link OnnxImportFuzzTest}, a few hundred bytes each: Dense(3→2) followed by
 * each nn4j layer type, exported by {@link OnnxExport} with fixed-seed weights (dropout kept); one
 * float64 model; one with a normalizer in front; the TensorFlow-style form of a dense layer
 * (Flatten, MatMul, Add) in opset 9; and an image-like rank-3 input that a Constant shape and
 * Reshape flatten.
 */
final class OnnxFuzzSeeds {

    private static final long WEIGHT_SEED = 5;

    private OnnxFuzzSeeds() {
    }

    /** File name → bytes, in a fixed order. */
    static Map<String, byte[]> all() {
        Map<String, Supplier<Layer>> layers = new LinkedHashMap<>();
        layers.put("relu", ReLU::new);
        layers.put("sigmoid", Sigmoid::new);
        layers.put("tanh", Tanh::new);
        layers.put("leaky-relu", () -> new LeakyReLU(0.01));
        layers.put("elu", () -> new ELU(0.5));
        layers.put("softplus", Softplus::new);
        layers.put("step", Step::new);
        layers.put("sign", Sign::new);
        layers.put("identity", Identity::new);
        layers.put("softmax", Softmax::new);
        layers.put("dropout", () -> new Dropout(0.25));
        layers.put("activation-tanh", () -> new ActivationLayer(Activation.tanh()));
        layers.put("log-softmax", LogSoftmax::new);
        layers.put("batch-norm", () -> new BatchNorm(2));
        layers.put("layer-norm", () -> new LayerNorm(2));
        ExportOptions keepDropout = ExportOptions.defaults().keepDropout(true);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Layer>> layer : layers.entrySet()) {
            Sequential model = new Sequential(new Dense(3, 2), layer.getValue().get());
            seeds.put("seed-dense-" + layer.getKey() + ".onnx",
                    OnnxExport.toBytes(model.init(Initializer.he(), WEIGHT_SEED), null, keepDropout));
        }
        Sequential wide = new Sequential(new Dense(2, 3), new ReLU(), new Dense(3, 2), new Softmax());
        seeds.put("seed-mlp-float64.onnx", OnnxExport.toBytes(wide.init(Initializer.he(), WEIGHT_SEED, DataType.DOUBLE)));
        seeds.put("seed-flatten-matmul-add-opset9.onnx", matMulAdd());
        Sequential normalized = new Sequential(new Dense(3, 2)).init(Initializer.he(), WEIGHT_SEED);
        seeds.put("seed-normalizer.onnx", OnnxExport.toBytes(normalized, new Standardizer(new double[] {1, 2, 3},
                new double[] {0.5, 1, 2})));
        seeds.put("seed-image-constant-reshape.onnx", constantReshape());
        return seeds;
    }

    /** A [batch, 2, 3] input, Constant(value_ints [-1, 6]) and Reshape, then the exported Dense(6→2)'s Gemm. */
    private static byte[] constantReshape() {
        Sequential dense = new Sequential(new Dense(6, 2)).init(Initializer.he(), WEIGHT_SEED);
        ModelProto exported = parse(OnnxExport.toBytes(dense));
        GraphProto graph = exported.getGraph();
        NodeProto gemm = graph.getNode(0);
        AttributeProto shape = AttributeProto.newBuilder().setName("value_ints")
                .setType(AttributeProto.AttributeType.INTS).addInts(-1).addInts(6).build();
        GraphProto.Builder rewired = graph.toBuilder().clearNode()
                .addNode(NodeProto.newBuilder().setName("shape").setOpType("Constant").addOutput("shape")
                        .addAttribute(shape))
                .addNode(NodeProto.newBuilder().setName("reshape").setOpType("Reshape").addInput(gemm.getInput(0))
                        .addInput("shape").addOutput("rows"))
                .addNode(gemm.toBuilder().setInput(0, "rows"));
        var dims = rewired.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        dims.getDimBuilder(1).setDimValue(2);
        dims.addDimBuilder().setDimValue(3);
        return exported.toBuilder().setGraph(rewired).build().toByteArray();
    }

    /** Flatten(axis 1) → MatMul(W [3, 3]) → Add(b [3]): the exported Dense(3→3), rewired. */
    private static byte[] matMulAdd() {
        Sequential dense = new Sequential(new Dense(3, 3)).init(Initializer.he(), WEIGHT_SEED);
        ModelProto exported = parse(OnnxExport.toBytes(dense));
        GraphProto graph = exported.getGraph();
        NodeProto gemm = graph.getNode(0);
        String input = gemm.getInput(0);
        AttributeProto axis = AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(1).build();
        GraphProto.Builder rewired = graph.toBuilder().clearNode()
                .addNode(NodeProto.newBuilder().setName("flatten").setOpType("Flatten").addInput(input)
                        .addOutput("flat").addAttribute(axis))
                .addNode(NodeProto.newBuilder().setName("matmul").setOpType("MatMul").addInput("flat")
                        .addInput(gemm.getInput(1)).addOutput("product"))
                .addNode(NodeProto.newBuilder().setName("add").setOpType("Add").addInput("product")
                        .addInput(gemm.getInput(2)).addOutput(gemm.getOutput(0)));
        return exported.toBuilder().setGraph(rewired).clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(9)).build().toByteArray();
    }

    private static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
