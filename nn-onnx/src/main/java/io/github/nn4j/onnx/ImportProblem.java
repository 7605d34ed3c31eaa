package io.github.nn4j.onnx;

/**
 * Why a part of an ONNX file cannot be read, raised by the reader's parts and turned by
 * {@link OnnxImport} into an {@link OnnxFormatException} that also names the source and the node.
 */
final class ImportProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

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
    }

    /**
     * @param reason what is wrong, in plain words
     * @param cause  the underlying exception
     */
    ImportProblem(String reason, Throwable cause) {
        super(reason, cause);
        this.offset = 0;
    }

    /** Which node of a multi-node pattern the problem is about, counted from its first. */
    int offset() {
        return offset;
    }
}
