package io.github.nn4j.onnx;

/**
 * How {@link OnnxExport} writes a model: the standard opset it declares, and whether dropout layers
 * become {@code Dropout} nodes.
 *
 * <pre>{@code
 * OnnxExport.write(path, model, ExportOptions.defaults());                    // opset 17, no Dropout nodes
 * OnnxExport.write(path, model, ExportOptions.defaults().opset(13));          // for older runtimes
 * OnnxExport.write(path, model, ExportOptions.defaults().keepDropout(true));  // Dropout nodes, ratio p
 * }</pre>
 * Dropout is the identity at inference, so leaving its nodes out (what PyTorch's inference export
 * does too) changes no output; keeping them records the probability in the file, so that
 * {@code OnnxImport} gives back the same layers. {@code LayerNorm} is written as
 * {@code LayerNormalization}, which ONNX has from opset 17: a model with one needs opset 17 or later.
 *
 * @param opset       the standard opset, {@value #MIN_OPSET} to {@value #MAX_OPSET}
 * @param keepDropout whether dropout layers become {@code Dropout} nodes
 */
public record ExportOptions(int opset, boolean keepDropout) {

    /** The oldest opset written. */
    public static final int MIN_OPSET = 13;
    /** The newest opset written. */
    public static final int MAX_OPSET = 21;
    /** The opset written by default. */
    public static final int DEFAULT_OPSET = 17;

    /**
     * Checks the opset.
     *
     * @throws IllegalArgumentException naming the range when the opset is outside it
     */
    public ExportOptions {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("nn4j exports ONNX opsets " + MIN_OPSET + " to " + MAX_OPSET + ", got "
                    + opset);
        }
    }

    /** Opset {@value #DEFAULT_OPSET}, dropout left out. */
    public static ExportOptions defaults() {
        return new ExportOptions(DEFAULT_OPSET, false);
    }

    /**
     * These options with another opset.
     *
     * @param version the standard opset, {@value #MIN_OPSET} to {@value #MAX_OPSET}
     * @return new options
     */
    public ExportOptions opset(int version) {
        return new ExportOptions(version, keepDropout);
    }

    /**
     * These options with dropout layers written as {@code Dropout} nodes, or left out.
     *
     * @param keep whether to write them
     * @return new options
     */
    public ExportOptions keepDropout(boolean keep) {
        return new ExportOptions(opset, keep);
    }

    /** The ONNX IR version that goes with the opset, as ONNX's releases pair them. */
    int irVersion() {
        return opset <= 14 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : 10;
    }
}
