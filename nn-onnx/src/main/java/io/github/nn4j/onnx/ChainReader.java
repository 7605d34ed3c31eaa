package io.github.nn4j.onnx;

import io.github.nn4j.data.Normalizer;
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
 * previous one's output (and otherwise only constants: initializers and {@code Constant} nodes,
 * which stand beside the chain) and its output is read by the next one alone. The chain may start
 * with a Flatten or Reshape of an input of higher rank and with a normalizer; a branch, a second
 * input or output, a node off the chain, a value defined twice, an operator outside the standard
 * domain or one at a version nn4j does not know is refused, naming the node.
 */
final class ChainReader {

    /** The operators nn4j reads, for messages. */
    static final String SUPPORTED = "Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, LeakyRelu, Elu, Softplus, Softmax, "
            + "LogSoftmax, Identity, Dropout, BatchNormalization, LayerNormalization, Flatten and Reshape to [batch, n], "
            + "Sub/Mul/Div as a normalizer before the first layer, Constant, and GreaterOrEqual + Cast/Where as written "
            + "for Step and Sign";

    /** The operators a link can start with (besides a leading normalizer's). */
    private static final Set<String> FIRST_OPS = Set.of("Gemm", "MatMul", "Relu", "Sigmoid", "Tanh", "LeakyRelu",
            "Elu", "Softplus", "Softmax", "LogSoftmax", "Identity", "Dropout", "Flatten", "Reshape", "GreaterOrEqual",
            "BatchNormalization", "LayerNormalization");

    /**
     * The chain's layers and the normalizer in front of them.
     *
     * @param links      the links in order
     * @param normalizer the leading normalizer, or null
     */
    record Chain(List<Link> links, Normalizer normalizer) {
    }

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

    /**
     * The input's declared rank and its number of features per example (the product of all but the
     * first dimension): {@code {rank, width}}, each -1 when not declared or not known.
     */
    long[] shape(ValueInfoProto input) throws OnnxFormatException {
        TypeProto.Tensor tensor = input.getType().getTensorType();
        if (!tensor.hasShape()) {
            return new long[] {-1, -1};
        }
        List<TensorShapeProto.Dimension> dims = tensor.getShape().getDimList();
        if (dims.size() < 2 || dims.size() > ImportLimits.MAX_RANK || dims.size() > 2 && !flattensFirst()) {
            throw fail("input '" + input.getName() + "' has " + dims.size() + " dimensions " + describe(dims)
                    + "; nn4j models take [batch, features], or a batch of higher rank that the graph's first node "
                    + "flattens (Flatten with axis 1, or Reshape to [-1, n]; the model then takes the flattened rows)");
        }
        long width = 1;
        for (TensorShapeProto.Dimension dim : dims.subList(1, dims.size())) {
            if (dim.hasDimValue() && dim.getDimValue() <= 0) {
                throw fail("input '" + input.getName() + "' declares " + dim.getDimValue() + " features in "
                        + "its dimensions " + describe(dims));
            }
            width = !dim.hasDimValue() || width < 0 ? -1 : Math.multiplyExact(width, dim.getDimValue());
            if (width > ImportLimits.MAX_ELEMENTS) {
                throw fail("input '" + input.getName() + "' declares " + width + " features per example");
            }
        }
        return new long[] {dims.size(), width};
    }

    /** Whether the first node that is not a Constant is a Flatten or a Reshape. */
    private boolean flattensFirst() {
        return graph.getNodeList().stream().filter(node -> !GraphIndex.isConstant(node)).findFirst()
                .map(node -> node.getOpType().equals("Flatten") || node.getOpType().equals("Reshape")).orElse(false);
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
     * @param shape its declared {@code {rank, width}}, as {@link #shape} gives them
     * @return the links in order, and the leading normalizer if any
     * @throws OnnxFormatException naming the node and the reason when the graph is not such a chain
     */
    Chain read(GraphIndex index, String input, long[] shape) throws OnnxFormatException {
        List<NodeProto> nodes = graph.getNodeList();
        checkNodes(nodes, index, input);
        List<Integer> chain = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!GraphIndex.isConstant(nodes.get(i))) {
                chain.add(i);
            }
        }
        String output = graph.getOutput(0).getName();
        ChainSteps steps = new ChainSteps(index);
        List<Link> links = new ArrayList<>();
        Normalizer normalizer = null;
        boolean layersSeen = false;
        int rank = (int) shape[0];
        long width = shape[1];
        String current = input;
        if (!chain.isEmpty() && index.reads(input) != 1) {
            throw fail("input '" + input + "' is read " + index.reads(input) + " times; nn4j reads a chain without "
                    + "branches");
        }
        int k = 0;
        while (k < chain.size()) {
            NodeProto node = nodes.get(chain.get(k));
            NodeProto next = k + 1 < chain.size() ? nodes.get(chain.get(k + 1)) : null;
            try {
                if (node.getInputCount() == 0 || !node.getInput(0).equals(current)) {
                    throw new ImportProblem("does not read '" + current + "', the value before it, as its first input; "
                            + "nn4j reads a chain of operators, each reading the one before");
                }
                Link link;
                if (rank > 2) {
                    link = steps.flattening(node, rank, width);
                } else if (!layersSeen && normalizer == null && NormalizerReader.OPS.contains(node.getOpType())) {
                    NormalizerReader prefix = NormalizerReader.read(index, node, next, width);
                    normalizer = prefix.normalizer();
                    link = Link.of(prefix.nodes(), prefix.output(), normalizer.featureCount(), null);
                } else if (!FIRST_OPS.contains(node.getOpType())) {
                    throw new ImportProblem("nn4j has no layer for operator " + node.getOpType()
                            + (NormalizerReader.OPS.contains(node.getOpType()) ? " after the first layer" : "")
                            + "; it reads " + SUPPORTED);
                } else {
                    link = steps.read(node, next, width);
                }
                rank = 2;
                layersSeen |= link.layer() != null;
                boolean last = k + link.nodes() == chain.size();
                int reads = index.reads(link.output());
                if (last ? !link.output().equals(output) || reads != 1 : reads != 1) {
                    throw new ImportProblem("its output '" + link.output() + "' is read " + reads + " time(s)"
                            + (last ? " and is not the graph's output '" + output + "'" : "")
                            + "; nn4j reads a chain without branches", link.nodes() - 1);
                }
                links.add(link);
                current = link.output();
                width = link.width();
                k += link.nodes();
            } catch (ImportProblem problem) {
                int at = chain.get(Math.min(k + problem.offset(), chain.size() - 1));
                throw new OnnxFormatException(source, label(at, nodes.get(at)), nodes.get(at).getOpType(),
                        problem.getMessage(), problem);
            }
        }
        if (!current.equals(output)) {
            throw fail("the graph's output '" + output + "' is not the end of its chain of nodes");
        }
        if (rank > 2) {
            throw fail("input '" + input + "' has rank " + rank + " and nothing flattens it to [batch, features]");
        }
        return new Chain(links, normalizer);
    }

    /**
     * Every node in the standard domain, of an operator nn4j knows at the file's opset; every value
     * defined once.
     */
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
            try {
                if (OpVersions.knows(node.getOpType())) {   // others are refused where the walk meets them
                    OpVersions.of(node.getOpType(), index.opset());
                }
            } catch (ImportProblem problem) {
                throw new OnnxFormatException(source, label(i, node), node.getOpType(), problem.getMessage(), problem);
            }
            boolean constant = GraphIndex.isConstant(node);
            for (int k = 0; k < node.getOutputCount(); k++) {
                String value = node.getOutput(k);
                if (value.isEmpty() && k > 0) {
                    continue; // an optional output left out
                }
                boolean stored = index.isInitializer(value) && !(constant && index.isConstantNodeOutput(value));
                if (value.isEmpty() || stored || !defined.add(value)) {
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
