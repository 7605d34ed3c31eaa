package io.github.nn4j.onnx;

/**
 * The bounds the ONNX reader holds an untrusted file to, so that a small or hostile file cannot
 * make it allocate much more than the file's own size or recurse without end. Every declared
 * size is checked against the bytes actually present before anything is allocated for it.
 */
final class ImportLimits {

    /** The largest file read: 2 GiB less a little, the most one Java byte array holds. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    /**
     * How deep protobuf may nest messages while parsing. nn4j's subset needs five levels
     * (model, graph, node, attribute, tensor); protobuf's own default is 100.
     */
    static final int MAX_NESTING = 24;

    /** The most nodes in a graph; an MLP has a few per layer. */
    static final int MAX_NODES = 10_000;

    /** The most initializers (constant tensors) in a graph. */
    static final int MAX_INITIALIZERS = 10_000;

    /** The most dimensions of a tensor or of a declared input or output shape. */
    static final int MAX_RANK = 8;

    /** The most elements in one tensor: the most one Java array holds. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 64;

    private ImportLimits() {
    }
}
