package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import io.github.nn4j.onnx.proto.TensorShapeProto;
import io.github.nn4j.onnx.proto.TypeProto;
import io.github.nn4j.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads a graph as a chain: one input, one output, and nodes in order where each reads the
 * previous one's output (and otherwise only stored constants) and its output is read by the next
 * one alone. A branch, a second input or output, a node off the chain, a value defined twice or
 * an operator outside the standard domain is refused, naming the node.
 */
final class ChainReader {

    /** The operators nn4j reads, for messages. */
    static final String SUPPORTED = "Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, LeakyRelu, Elu, Softplus, Softmax, "
            + "Identity, Dropout, Flatten, and GreaterOrEqual + Cast/Where as written for Step and Sign";

    /** The operators a link can start with. */
    private static final Set<String> FIRST_OPS = Set.of("Gemm", "MatMul", "Relu", "Sigmoid", "Tanh", "LeakyRelu",
            "Elu", "Softplus", "Softmax", "Identity", "Dropout", "Flatten", "GreaterOrEqual");

    private final GraphProto graph;
    private final String source;

    /**
     * @param graph  the graph
     * @param source the file or description, for messages
     */
    ChainReader(GraphProto graph, String source) {
        this.graph = graph;
        this.source = source;
    }

    /** The graph's one real input (not an initializer listed as input, as IR version 3 files do). */
    ValueInfoProto input() throws OnnxFormatException {
        Set<String> constants = new HashSet<>();
        graph.getInitializerList().forEach(tensor -> constants.add(tensor.getName()));
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(value -> !constants.contains(value.getName())).toList();
        if (inputs.size() != 1) {
            throw fail("the graph takes " + inputs.size() + " inputs " + inputs.stream().map(ValueInfoProto::getName)
                    .toList() + "; an nn4j model takes one");
        }
        if (graph.getOutputCount() != 1) {
            throw fail("the graph has " + graph.getOutputCount() + " outputs; an nn4j model has one");
        }
        return inputs.get(0);
    }

    /** The input's element type, FLOAT or DOUBLE. */
    DataType dataType(ValueInfoProto input) throws OnnxFormatException {
        TypeProto type = input.getType();
        int element = type.hasTensorType() ? type.getTensorType().getElemType() : -1;
        if (element == TensorProto.DataType.FLOAT_VALUE) {
            return DataType.FLOAT;
        }
        if (element == TensorProto.DataType.DOUBLE_VALUE) {
            return DataType.DOUBLE;
        }
        throw fail("input '" + input.getName() + "' is " + (element < 0 ? "not a tensor"
                : "a tensor of " + TensorReader.typeName(element)) + "; nn4j models take float32 or float64 tensors");
    }

    /** The input's number of features from its declared {@code [batch, n]} shape, or -1 when not declared. */
    long width(ValueInfoProto input) throws OnnxFormatException {
        TypeProto.Tensor tensor = input.getType().getTensorType();
        if (!tensor.hasShape()) {
            return -1;
        }
        List<TensorShapeProto.Dimension> dims = tensor.getShape().getDimList();
        if (dims.size() != 2) {
            throw fail("input '" + input.getName() + "' has " + dims.size() + " dimensions " + describe(dims)
                    + "; nn4j models take [batch, features] (flatten images to rows before calling the model)");
        }
        TensorShapeProto.Dimension features = dims.get(1);
        if (features.hasDimValue() && features.getDimValue() <= 0) {
            throw fail("input '" + input.getName() + "' declares " + features.getDimValue() + " features");
        }
        return features.hasDimValue() ? features.getDimValue() : -1;
    }

    private static String describe(List<TensorShapeProto.Dimension> dims) {
        return dims.stream().map(d -> d.hasDimValue() ? String.valueOf(d.getDimValue())
                : d.getDimParam().isEmpty() ? "?" : d.getDimParam()).toList().toString();
    }

    /**
     * Walks the nodes from {@code input} to the graph's output.
     *
     * @param index the graph's constants and reads
     * @param input the graph's input name
     * @param width its number of features, or -1
     * @return the links in order
     * @throws OnnxFormatException naming the node and the reason when the graph is not such a chain
     */
    List<Link> read(GraphIndex index, String input, long width) throws OnnxFormatException {
        List<NodeProto> nodes = graph.getNodeList();
        checkNodes(nodes, index, input);
        String output = graph.getOutput(0).getName();
        DenseReader dense = new DenseReader(index);
        ElementwiseReader elementwise = new ElementwiseReader(index);
        List<Link> links = new ArrayList<>();
        String current = input;
        if (!nodes.isEmpty() && index.reads(input) != 1) {
            throw fail("input '" + input + "' is read " + index.reads(input) + " times; nn4j reads a chain without "
                    + "branches");
        }
        int i = 0;
        while (i < nodes.size()) {
            NodeProto node = nodes.get(i);
            NodeProto next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
            try {
                if (!FIRST_OPS.contains(node.getOpType())) {
                    throw new ImportProblem("nn4j has no layer for operator " + node.getOpType()
                            + (node.getOpType().equals("Constant") ? " (weights must be stored as initializers)" : "")
                            + "; it reads " + SUPPORTED);
                }
                if (node.getInputCount() == 0 || !node.getInput(0).equals(current)) {
                    throw new ImportProblem("does not read '" + current + "', the value before it, as its first input; "
                            + "nn4j reads a chain of operators, each reading the one before");
                }
                Link link = switch (node.getOpType()) {
                    case "Gemm" -> dense.gemm(node, width);
                    case "MatMul" -> dense.matMul(node, next, width);
                    default -> elementwise.read(node, next, width);
                };
                boolean last = i + link.nodes() == nodes.size();
                int reads = index.reads(link.output());
                if (last ? !link.output().equals(output) || reads != 1 : reads != 1) {
                    throw new ImportProblem("its output '" + link.output() + "' is read " + reads + " time(s)"
                            + (last ? " and is not the graph's output '" + output + "'" : "")
                            + "; nn4j reads a chain without branches", link.nodes() - 1);
                }
                links.add(link);
                current = link.output();
                width = link.width();
                i += link.nodes();
            } catch (ImportProblem problem) {
                int at = Math.min(i + problem.offset(), nodes.size() - 1);
                throw new OnnxFormatException(source, label(at, nodes.get(at)), nodes.get(at).getOpType(),
                        problem.getMessage(), problem);
            }
        }
        if (!current.equals(output)) {
            throw fail("the graph's output '" + output + "' is not the end of its chain of nodes");
        }
        return links;
    }

    /** Every node in the standard domain, and every value defined once. */
    private void checkNodes(List<NodeProto> nodes, GraphIndex index, String input) throws OnnxFormatException {
        Set<String> defined = new HashSet<>();
        defined.add(input);
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto node = nodes.get(i);
            String domain = node.getDomain();
            if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
                throw new OnnxFormatException(source, label(i, node), node.getOpType(), "its operator is from domain '"
                        + domain + "'; nn4j reads standard ONNX operators only", null);
            }
            for (int k = 0; k < node.getOutputCount(); k++) {
                String value = node.getOutput(k);
                if (value.isEmpty() && k > 0) {
                    continue; // an optional output left out
                }
                if (value.isEmpty() || index.isInitializer(value) || !defined.add(value)) {
                    throw new OnnxFormatException(source, label(i, node), node.getOpType(), "its output '" + value
                            + "' is " + (value.isEmpty() ? "unnamed" : "defined twice in the graph (not valid ONNX)"),
                            null);
                }
            }
        }
    }

    /** How a node is named in messages: its position and, if it has one, its name. */
    static String label(int position, NodeProto node) {
        return position + (node.getName().isEmpty() ? "" : " '" + node.getName() + "'");
    }

    private OnnxFormatException fail(String reason) {
        return new OnnxFormatException(source, reason);
    }
}
