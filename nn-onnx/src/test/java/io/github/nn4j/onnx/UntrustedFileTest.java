package io.github.nn4j.onnx;

import static io.github.nn4j.onnx.OnnxFixtures.assertRejected;
import static io.github.nn4j.onnx.OnnxFixtures.mlp;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.StringStringEntryProto;
import io.github.nn4j.onnx.proto.TensorProto;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken, truncated and hostile files end in an {@link OnnxFormatException}, never another
 * exception or a model, and a tiny file cannot make the reader allocate what it declares.
 */
class UntrustedFileTest {

    private static final ModelProto MLP = mlp();

    /** Imports {@code bytes}, which must fail with an OnnxFormatException and nothing else. */
    private static void assertFails(byte[] bytes, String what) {
        try {
            OnnxImport.read(bytes);
            fail(what + ": read as a model");
        } catch (OnnxFormatException expected) {
            // the one acceptable outcome
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    @Test
    void everyTruncationOfASmallModelIsRefused() {
        byte[] bytes = MLP.toByteArray();
        for (int length = 0; length < bytes.length; length++) {
            assertFails(Arrays.copyOf(bytes, length), "first " + length + " of " + bytes.length + " bytes");
        }
    }

    @Test
    void truncationsOfThePytorchFixtureAreRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(TorchFixtureImportTest.FIXTURES.resolve("torch_mlp.onnx"));
        for (int length = 0; length < bytes.length; length += 997) {
            assertFails(Arrays.copyOf(bytes, length), "first " + length + " bytes of the PyTorch fixture");
        }
        assertFails(Arrays.copyOf(bytes, bytes.length - 1), "all but the last byte");
    }

    @Test
    void truncatedFileIsRefusedNamingIt(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("cut.onnx");
        Files.write(file, Arrays.copyOf(MLP.toByteArray(), 100));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void randomBytesAndFlippedBytesAreRefused() {
        SplittableRandom random = new SplittableRandom(2024);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            for (int j = 0; j < garbage.length; j++) {
                garbage[j] = (byte) random.nextInt(256);
            }
            assertFails(garbage, "random bytes " + i);
        }
        byte[] bytes = MLP.toByteArray();
        for (int i = 0; i < 300; i++) {
            byte[] flipped = bytes.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                OnnxImport.read(flipped); // a flip inside a weight's bytes is still a valid model
            } catch (OnnxFormatException expected) {
                // refused clearly
            } catch (RuntimeException | Error e) {
                throw new AssertionError("flipped byte " + i + ": " + e, e);
            }
        }
    }

    @Test
    void hugeDeclaredTensorInATinyFileIsRefusedWithoutAllocatingIt() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (long[] dims : new long[][] {{40_000, 40_000}, {1L << 40, 1L << 40}, {4, -3}}) {
            ModelProto.Builder model = MLP.toBuilder();
            model.getGraphBuilder().setInitializer(0, OnnxFixtures.tensor("dense0.W", dims, 48));
            byte[] bytes = model.build().toByteArray();
            long before = threads.getCurrentThreadAllocatedBytes();
            OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.read(bytes));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(e.getMessage().contains("dense0.W"), e.getMessage());
            assertTrue(allocated < (64L << 20), Arrays.toString(dims) + ": allocated " + allocated + " bytes");
        }
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setInitializer(0, OnnxFixtures.tensor("dense0.W", new long[] {40_000, 40_000}, 48));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "declares 1600000000 element(s)");
    }

    @Test
    void tensorWithTooFewValuesIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        TensorProto weights = MLP.getGraph().getInitializer(0);
        model.getGraphBuilder().setInitializer(0, weights.toBuilder()
                .setRawData(weights.getRawData().substring(0, weights.getRawData().size() - 4)));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "declares 12 element(s) of shape [4, 3] but holds 44 bytes");
        model.getGraphBuilder().setInitializer(0, weights.toBuilder().clearRawData().addFloatData(1f));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "holds 1 value(s)");
    }

    @Test
    void externalAndSegmentedTensorsAreRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        TensorProto weights = MLP.getGraph().getInitializer(0);
        model.getGraphBuilder().setInitializer(0, weights.toBuilder().clearRawData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "external file");
        model.getGraphBuilder().setInitializer(0, weights.toBuilder()
                .setSegment(TensorProto.Segment.newBuilder().setBegin(0).setEnd(6)));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "segment");
    }

    @Test
    void deeplyNestedGraphsEndInAClearErrorNotAStackOverflow() {
        // graph { node { attribute { g { node { attribute { g { … } } } } } } }, 3,000 levels, written
        // from the inside out by hand (protobuf's own writer would recurse as deep).
        byte[] graph = new byte[0];
        for (int depth = 0; depth < 1_000; depth++) {
            byte[] attribute = field(6, graph);                  // AttributeProto.g
            byte[] node = field(5, attribute);                   // NodeProto.attribute
            graph = field(1, node);                              // GraphProto.node
        }
        byte[] model = concat(MLP.toBuilder().clearGraph().build().toByteArray(), field(7, graph));
        assertRejected(model, null, null, "nests messages more than " + ImportLimits.MAX_NESTING + " deep");
        // Unknown fields nest too, as groups: field 99 opened 100,000 times, then closed as often.
        byte[] open = varint(99 << 3 | 3);
        byte[] close = varint(99 << 3 | 4);
        java.io.ByteArrayOutputStream groups = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            groups.writeBytes(open);
        }
        for (int i = 0; i < 100_000; i++) {
            groups.writeBytes(close);
        }
        assertRejected(concat(MLP.toByteArray(), groups.toByteArray()), null, null, "nests messages more than");
    }

    /** A length-delimited protobuf field. */
    private static byte[] field(int number, byte[] value) {
        return concat(varint(number << 3 | 2), varint(value.length), value);
    }

    private static byte[] varint(long value) {
        byte[] out = new byte[10];
        int n = 0;
        while ((value & ~0x7FL) != 0) {
            out[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[n++] = (byte) value;
        return Arrays.copyOf(out, n);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void millionsOfEmptyNodesInAFewBytesAreRefusedBeforeParsing() {
        byte[] emptyNode = field(1, new byte[0]);                // GraphProto.node, 2 bytes each
        byte[] nodes = new byte[emptyNode.length * 2_000_000];
        for (int i = 0; i < nodes.length; i += emptyNode.length) {
            System.arraycopy(emptyNode, 0, nodes, i, emptyNode.length);
        }
        byte[] model = concat(MLP.toBuilder().clearGraph().build().toByteArray(), field(7, nodes));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertRejected(model, null, null, "packs too many fields into too few bytes");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < (32L << 20), "allocated " + allocated + " bytes for a " + model.length + "-byte file");
    }

    @Test
    void emptyFileIsRefused() {
        assertRejected(new byte[0], null, null, "is empty");
    }
}
