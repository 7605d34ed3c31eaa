package io.github.nn4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import io.github.nn4j.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads an ONNX model whose graph is a chain of operators nn4j has (a multi-layer perceptron
 * exported from PyTorch, from Keras through tf2onnx, or by {@link OnnxExport}) into a
 * {@link Sequential} that predicts, trains further and saves with {@code ModelFile.write}.
 *
 * <pre>{@code
 * Sequential model = OnnxImport.read(Path.of("mlp.onnx"));
 * INDArray scores = model.predict(features);                       // [batch, out]
 * }</pre>
 *
 * <p>The operators read, in opsets {@value #MIN_OPSET} to {@value #MAX_OPSET}:
 * <pre>
 * Gemm (transB 0 or 1; alpha, beta folded in; transA refused)  → Dense(in, out)
 * MatMul, optionally followed by Add of a stored bias          → Dense(in, out)
 * Relu, Sigmoid, Tanh, Softplus, Identity                      → ReLU, Sigmoid, Tanh, Softplus, Identity
 * LeakyRelu(alpha), Elu(alpha)                                 → LeakyReLU(alpha), ELU(alpha)
 * Softmax over the feature axis (1 or −1)                      → Softmax
 * Dropout in inference mode                                    → Dropout(ratio)
 * Flatten(axis 1) of a [batch, n] value                        → nothing (it changes nothing)
 * GreaterOrEqual(x, 0) + Cast, or + Where(·, 1, −1)            → Step, Sign (as OnnxExport writes them)
 * </pre>
 * Weights must be stored in the file (initializers) in the input's element type, float32 or
 * float64; the model gets that type. Anything else (another operator, a branch, a second input,
 * an attribute nn4j does not read, an input of another rank, a broken, truncated or foreign file)
 * is an {@link OnnxFormatException} naming the node, its operator and the reason: nn4j never
 * returns a model that computes something other than the file.
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
    /** The newest standard opset read; newer ones may change operators in ways nn4j does not know. */
    public static final int MAX_OPSET = 23;
    /** The oldest ONNX IR version read (the first with opset imports). */
    public static final int MIN_IR_VERSION = 3;
    /** The newest ONNX IR version read. */
    public static final int MAX_IR_VERSION = 11;

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
        long size = Files.size(file);
        if (size > ImportLimits.MAX_FILE_BYTES) {
            throw new OnnxFormatException(file.toString(), "is " + size + " bytes; nn4j reads ONNX files of up to "
                    + ImportLimits.MAX_FILE_BYTES + " bytes");
        }
        return read(Files.readAllBytes(file), file.toString());
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
        return read(bytes, "ONNX model (" + bytes.length + " bytes)");
    }

    private static Sequential read(byte[] bytes, String source) throws OnnxFormatException {
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
            long width = chain.width(input);
            GraphIndex index;
            try {
                index = new GraphIndex(graph, dataType, opset);
            } catch (ImportProblem problem) {
                throw new OnnxFormatException(source, problem.getMessage());
            }
            return assemble(chain.read(index, input.getName(), width), dataType, source);
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
                    + " to " + MAX_OPSET);
        }
        return version;
    }

    /** The Sequential of the links' layers, with their weights. */
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
        Iterator<Parameter> parameters = model.parameters().iterator();
        for (Link link : links) {
            if (link.weights() != null) {
                parameters.next().value().assign(link.weights());
                parameters.next().value().assign(link.bias());
            }
        }
        return model;
    }
}
