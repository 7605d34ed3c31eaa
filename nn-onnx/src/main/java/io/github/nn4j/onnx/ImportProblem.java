package io.github.nn4j.onnx;

/**
 * Why a part of an ONNX file cannot be read, raised by the reader's parts and turned by
 * {@link OnnxImport} into an {@link OnnxFormatException} that also names the source and the node.
 */
final class ImportProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int position;

    /**
     * @param reason what is wrong, in plain words
     */
    ImportProblem(String reason) {
        this(reason, 0);
    }

    /**
     * @param reason what is wrong, in plain words
     * @param offset which node of a multi-node pattern it is about: 0 for the first, 1 for the next
     */
    ImportProblem(String reason, int offset) {
        super(reason);
        this.offset = offset;
        this.position = -1;
    }

    private ImportProblem(int position, String reason) {
        super(reason);
        this.offset = 0;
        this.position = position;
    }

    /**
     * A problem with the node at {@code position} of the graph, found outside the chain's walk.
     *
     * @param position the node's position in the graph
     * @param reason   what is wrong, in plain words
     */
    static ImportProblem atNode(int position, String reason) {
        return new ImportProblem(position, reason);
    }

    /**
     * @param reason what is wrong, in plain words
     * @param cause  the underlying exception
     */
    ImportProblem(String reason, Throwable cause) {
        super(reason, cause);
        this.offset = 0;
        this.position = -1;
    }

    /** The position in the graph of the node the problem is about, or -1 when the walk knows it. */
    int position() {
        return position;
    }

    /** Which node of a multi-node pattern the problem is about, counted from its first. */
    int offset() {
        return offset;
    }
}
