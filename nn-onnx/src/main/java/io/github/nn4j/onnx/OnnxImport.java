package io.github.nn4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import io.github.nn4j.onnx.proto.StringStringEntryProto;
import io.github.nn4j.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads an ONNX model whose graph is a chain of operators nn4j has (a multi-layer perceptron
 * exported from PyTorch, from Keras through tf2onnx, or by {@link OnnxExport}) into a
 * {@link Sequential} that predicts, trains further and saves with {@code ModelFile.write}.
 *
 * <pre>{@code
 * Sequential model = OnnxImport.read(Path.of("mlp.onnx"));
 * INDArray scores = model.predict(features);                       // [batch, out]
 * ImportedModel both = OnnxImport.readAll(Path.of("with-normalizer.onnx"));   // model and normalizer
 * }</pre>
 *
 * <p>The operators read, in opsets {@value #MIN_OPSET} to {@value #MAX_OPSET}, each at the version the
 * file's opset gives it (ONNX's operator tables up to opset {@value #MAX_OPSET} are built in, so a
 * file is refused for an operator nn4j does not know at that version, not for its opset as a whole):
 * <pre>
 * Gemm (transB 0 or 1; alpha, beta folded in; transA refused)  → Dense(in, out)
 * MatMul, optionally followed by Add of a stored bias          → Dense(in, out)
 * Relu, Sigmoid, Tanh, Softplus, Identity                      → ReLU, Sigmoid, Tanh, Softplus, Identity
 * LeakyRelu(alpha), Elu(alpha)                                 → LeakyReLU(alpha), ELU(alpha)
 * Softmax, LogSoftmax over the feature axis (1 or −1)          → Softmax, LogSoftmax
 * BatchNormalization in inference form                         → BatchNorm (γ, β, running mean and variance)
 * LayerNormalization over the last axis (opset 17 and later)   → LayerNorm
 * Dropout in inference mode                                    → Dropout(ratio)
 * Flatten(axis 1), Reshape to [-1, n] or [0, n]                → nothing: the model takes rows [batch, n]
 * Sub, then Mul or Div, by stored rows, before the first layer → a Normalizer ({@link #readAll})
 * Constant                                                     → a stored constant, like an initializer
 * GreaterOrEqual(x, 0) + Cast, or + Where(·, 1, −1)            → Step, Sign (as OnnxExport writes them)
 * </pre>
 * An input of higher rank (PyTorch's {@code [N, 1, 28, 28]} images) is read when the first node
 * flattens it: the imported model then takes the flattened rows, {@code [N, 784]} for that example,
 * each image's values in row-major order ({@code images.reshape(N, 784)}). Weights must be stored in
 * the file (initializers or Constant nodes) in the input's element type, float32 or float64; the model
 * gets that type. Anything else (another operator, a branch, a second input, an attribute nn4j does
 * not read, a broken, truncated or foreign file) is an {@link OnnxFormatException} naming the node, its
 * operator and the reason: nn4j never returns a model that computes something other than the file.
 *
 * <p>The file is untrusted: it is read whole (up to 2 GiB); before protobuf builds anything, a walk
 * of its wire format (without recursion) caps the nesting and refuses a file whose parsed form
 * would take more than about four times its size (many empty nodes packed into few bytes, say);
 * and every tensor's declared size is checked against the bytes present before memory is given
 * to it. Reading therefore takes memory in proportion to the file's size.
 */
public final class OnnxImport {

    /** The oldest standard opset read. */
    public static final int MIN_OPSET = 7;
    /**
     * The newest standard opset read: the newest whose operator changes nn4j knows (ONNX 1.20). Newer
     * ones may change operators in ways nn4j cannot know.
     */
    public static final int MAX_OPSET = OpVersions.KNOWN_OPSET;
    /** The oldest ONNX IR version read (the first with opset imports). */
    public static final int MIN_IR_VERSION = 3;
    /**
     * The newest ONNX IR version read (ONNX 1.20's). IR versions 9 to 13 added element types
     * (float8, int4, float4, 2-bit), which nn4j refuses in tensors, and fields nn4j does not use.
     */
    public static final int MAX_IR_VERSION = 13;

    private OnnxImport() {
    }

    /**
     * Reads the ONNX model in {@code file}.
     *
     * @param file the ONNX file
     * @return the model, of the file's element type, seeded with 0
     * @throws OnnxFormatException naming the node, operator and reason when the file is not an ONNX
     *                             model nn4j can hold
     * @throws IOException         when the file cannot be read
     */
    public static Sequential read(Path file) throws IOException {
        return modelOnly(readAll(file), file.toString());
    }

    /**
     * Reads the ONNX model in {@code file} and the normalizer its graph starts with, if any.
     *
     * @param file the ONNX file
     * @return the model, of the file's element type, seeded with 0, and the normalizer
     * @throws OnnxFormatException naming the node, operator and reason when the file is not an ONNX
     *                             model nn4j can hold
     * @throws IOException         when the file cannot be read
     */
    public static ImportedModel readAll(Path file) throws IOException {
        long size = Files.size(file);
        if (size > ImportLimits.MAX_FILE_BYTES) {
            throw new OnnxFormatException(file.toString(), "is " + size + " bytes; nn4j reads ONNX files of up to "
                    + ImportLimits.MAX_FILE_BYTES + " bytes");
        }
        return readAll(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads an ONNX model and the normalizer its graph starts with, if any, from its bytes.
     *
     * @param bytes the serialized ONNX model; not modified, and not kept after the call
     * @return the model and the normalizer
     * @throws OnnxFormatException naming the node, operator and reason when the bytes are not an
     *                             ONNX model nn4j can hold
     */
    public static ImportedModel readAll(byte[] bytes) throws OnnxFormatException {
        return readAll(bytes, "ONNX model (" + bytes.length + " bytes)");
    }

    /** The model, refusing a graph that starts with a normalizer, which the model alone would leave out. */
    private static Sequential modelOnly(ImportedModel imported, String source) throws OnnxFormatException {
        if (imported.normalizer().isPresent()) {
            throw new OnnxFormatException(source, "starts with a normalizer (Sub, Mul or Div nodes: "
                    + imported.normalizer().get() + "), which the model alone would leave out; read it with "
                    + "OnnxImport.readAll, which returns the normalizer with the model");
        }
        return imported.model();
    }

    /**
     * Reads an ONNX model from its bytes.
     *
     * @param bytes the serialized ONNX model; not modified, and not kept after the call
     * @return the model
     * @throws OnnxFormatException naming the node, operator and reason when the bytes are not an
     *                             ONNX model nn4j can hold
     */
    public static Sequential read(byte[] bytes) throws OnnxFormatException {
        String source = "ONNX model (" + bytes.length + " bytes)";
        return modelOnly(readAll(bytes, source), source);
    }

    private static ImportedModel readAll(byte[] bytes, String source) throws OnnxFormatException {
        try {
            ModelProto model = parse(bytes, source);
            long opset = opset(model, source);
            if (!model.hasGraph()) {
                throw new OnnxFormatException(source, "has no graph (truncated?)");
            }
            GraphProto graph = model.getGraph();
            if (graph.getNodeCount() > ImportLimits.MAX_NODES
                    || graph.getInitializerCount() > ImportLimits.MAX_INITIALIZERS) {
                throw new OnnxFormatException(source, "has " + graph.getNodeCount() + " nodes and "
                        + graph.getInitializerCount() + " initializers; nn4j reads at most " + ImportLimits.MAX_NODES
                        + " of each");
            }
            ChainReader chain = new ChainReader(graph, source);
            ValueInfoProto input = chain.input();
            DataType dataType = chain.dataType(input);
            long[] shape = chain.shape(input);
            GraphIndex index;
            try {
                index = new GraphIndex(graph, dataType, opset, metadata(model));
            } catch (ImportProblem problem) {
                if (problem.position() >= 0) {
                    NodeProto node = graph.getNode(problem.position());
                    throw new OnnxFormatException(source, ChainReader.label(problem.position(), node),
                            node.getOpType(), problem.getMessage(), problem);
                }
                throw new OnnxFormatException(source, problem.getMessage());
            }
            ChainReader.Chain links = chain.read(index, input.getName(), shape);
            return new ImportedModel(assemble(links.links(), dataType, source), Optional.ofNullable(links.normalizer()));
        } catch (RuntimeException e) {
            // A check missed above still ends as a clear, checked failure, never as a half-read model.
            throw new OnnxFormatException(source, null, null, "cannot be read: " + e, e);
        }
    }

    private static ModelProto parse(byte[] bytes, String source) throws OnnxFormatException {
        if (bytes.length == 0) {
            throw new OnnxFormatException(source, "is empty");
        }
        try {
            WireBudget.check(bytes);
        } catch (ImportProblem problem) {
            throw new OnnxFormatException(source, null, null, problem.getMessage(), problem);
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        in.setRecursionLimit(ImportLimits.MAX_NESTING);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(source, null, null, "is not an ONNX model, or is truncated or corrupt ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            // Reading a byte array has no other I/O to fail; protobuf declares it all the same.
            throw new OnnxFormatException(source, null, null, "cannot be parsed (" + e.getMessage() + ")", e);
        }
        long ir = model.getIrVersion();
        if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
            throw new OnnxFormatException(source, ir == 0 ? "is not an ONNX model: it declares no IR version"
                    : "declares ONNX IR version " + ir + "; nn4j reads " + MIN_IR_VERSION + " to " + MAX_IR_VERSION);
        }
        return model;
    }

    /** The version of the standard operator set the model imports. */
    private static long opset(ModelProto model, String source) throws OnnxFormatException {
        List<Long> versions = new ArrayList<>();
        for (OperatorSetIdProto entry : model.getOpsetImportList()) {
            if (entry.getDomain().isEmpty() || entry.getDomain().equals("ai.onnx")) {
                versions.add(entry.getVersion());
            }
        }
        if (versions.size() != 1) {
            throw new OnnxFormatException(source, versions.isEmpty()
                    ? "imports no standard ONNX opset (truncated, or not an ONNX model)"
                    : "imports the standard ONNX opset " + versions.size() + " times " + versions);
        }
        long version = versions.get(0);
        if (version < MIN_OPSET || version > MAX_OPSET) {
            throw new OnnxFormatException(source, "uses ONNX opset " + version + "; nn4j reads opsets " + MIN_OPSET
                    + " to " + MAX_OPSET + (version > MAX_OPSET ? ", the newest whose operator changes it knows" : ""));
        }
        return version;
    }

    /** The model's metadata properties; a key given twice keeps its last value. */
    private static Map<String, String> metadata(ModelProto model) {
        Map<String, String> metadata = new HashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        return metadata;
    }

    /** The Sequential of the links' layers, with their parameters and state. */
    private static Sequential assemble(List<Link> links, DataType dataType, String source)
            throws OnnxFormatException {
        List<Layer> layers = new ArrayList<>(links.stream().map(Link::layer).filter(Objects::nonNull).toList());
        if (layers.isEmpty()) {
            layers.add(new Identity());
        }
        Sequential model;
        try {
            model = new Sequential(layers);
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(source, null, null, "its layers do not fit together: " + e.getMessage(), e);
        }
        model.init(Initializer.zeros(), 0L, dataType);
        int position = 0;
        for (Link link : links) {
            if (link.layer() == null) {
                continue;
            }
            String name = model.layerName(position++);
            link.values().forEach((local, values) -> model.parameterSet().get(name + "." + local).value()
                    .assign(values.reshape(model.parameterSet().get(name + "." + local).value().shape())));
        }
        return model;
    }
}
