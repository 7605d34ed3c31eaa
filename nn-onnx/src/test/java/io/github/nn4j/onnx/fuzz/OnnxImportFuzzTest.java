package io.github.nn4j.onnx.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.onnx.OnnxFormatException;
import io.github.nn4j.onnx.OnnxImport;

/**
 * {@code OnnxImport.readAll(byte[])} (which {@code read} calls too) of any bytes: a model, or a
 * documented exception, within the time and memory bounds of {@link OnnxFuzzHarness}. The seeds
 * ({@code seed-*} in {@code OnnxImportFuzzTestInputs/onnxRead}, written by {@link OnnxFuzzSeeds}) are
 * tiny exports of every nn4j layer type, one with a normalizer, and hand-built MatMul/Add/Flatten and
 * Constant/Reshape graphs; {@code crash-*} files there
 * are past findings, replayed by every {@code mvn test}.
 *
 * <p>To fuzz longer than the 4 s of {@code mvn test}: {@code nn-onnx/fuzz.sh [seconds]} (default
 * 600), which prints the executions, exec/s and coverage, and writes a finding into the inputs
 * folder as {@code crash-<sha1>}.
 */
class OnnxImportFuzzTest {

    @FuzzTest(maxDuration = OnnxFuzzHarness.DURATION)
    void onnxRead(byte[] bytes) {
        OnnxFuzzHarness.check(bytes.length, () -> read(bytes));
    }

    /** The import itself, also used by {@link OnnxFuzzSeedsTest}. */
    static Object read(byte[] bytes) throws OnnxFormatException {
        return OnnxImport.readAll(bytes);
    }
}
