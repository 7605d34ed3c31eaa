package io.github.nn4j.onnx;

import java.io.IOException;

/**
 * An ONNX file that nn4j cannot turn into a model: not an ONNX file at all, truncated or corrupt,
 * beyond the reader's size limits, or a valid ONNX graph that is not a chain of operators nn4j
 * has. The message names the source, the node (its position, name and operator) when the
 * problem is in one, and the reason, for example:
 *
 * <pre>
 * model.onnx: node 2 'fc2' (Conv): nn4j has no layer for operator Conv; it reads Gemm, MatMul + Add, …
 * </pre>
 */
public final class OnnxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String node;
    private final String op;
    private final String reason;

    /**
     * Creates an exception about the file as a whole.
     *
     * @param source the file or a description of the bytes read
     * @param reason what is wrong, in plain words
     */
    public OnnxFormatException(String source, String reason) {
        this(source, null, null, reason, null);
    }

    /**
     * Creates an exception about one node, or about the file when {@code node} is null.
     *
     * @param source the file or a description of the bytes read
     * @param node   how the node is known, e.g. {@code "2 'fc2'"} (its position and name), or null
     * @param op     the node's operator, e.g. {@code "Gemm"}, or null
     * @param reason what is wrong, in plain words
     * @param cause  the underlying exception, or null
     */
    public OnnxFormatException(String source, String node, String op, String reason, Throwable cause) {
        super(source + ": " + (node == null ? "" : "node " + node + (op == null ? "" : " (" + op + ")") + ": ")
                + reason, cause);
        this.node = node;
        this.op = op;
        this.reason = reason;
    }

    /** The node the problem is in, as its position and name (e.g. {@code "2 'fc2'"}), or null for the whole file. */
    public String node() {
        return node;
    }

    /** The operator of the node the problem is in, e.g. {@code "Gemm"}, or null. */
    public String op() {
        return op;
    }

    /** What is wrong, without the source and node. */
    public String reason() {
        return reason;
    }
}
