package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

/**
 * The wire form of weights and gradients: raw little-endian bytes that copy in and out of
 * INDArrays exactly, add and scale in place, and cross Kryo and Java serialization unchanged.
 */
class FlatValuesTest {

    private static float[] floats(INDArray array) {
        return array.toFloatVector();
    }

    @Test
    void floatAndDoubleVectorsRoundTripExactlyAndAddAndScaleInPlace() {
        INDArray f = Nd4j.createFromArray(1.5f, -2.25f, 3e-8f, Float.MAX_VALUE);
        FlatValues values = FlatValues.of(f);
        assertEquals(4, values.length());
        INDArray back = Nd4j.create(DataType.FLOAT, 4);
        values.copyInto(back);
        assertArrayEquals(floats(f), floats(back));
        values.addScaled(FlatValues.of(Nd4j.createFromArray(1f, 1f, 1f, 0f)), 2).scale(0.5);
        assertArrayEquals(new float[] {1.75f, -0.125f, (float) ((3e-8f + 2f) * 0.5f), Float.MAX_VALUE * 0.5f},
                floats(values.toArray()));

        INDArray d = Nd4j.createFromArray(0.1, -1e-300, 7.0);
        FlatValues doubles = FlatValues.of(d);
        assertArrayEquals(d.toDoubleVector(), doubles.toArray().toDoubleVector());
        doubles.addScaled(FlatValues.of(d), 1);
        assertArrayEquals(new double[] {0.2, -2e-300, 14.0}, doubles.toArray().toDoubleVector());
        assertThrows(IllegalArgumentException.class, () -> doubles.addScaled(values, 1));
    }

    @Test
    void aViewAndAReusedBufferGiveTheSameValues() {
        INDArray matrix = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray row = matrix.getRow(1);
        FlatValues first = FlatValues.of(Nd4j.createFromArray(9f, 9f, 9f));
        FlatValues reused = FlatValues.of(row, first);
        assertArrayEquals(new float[] {4, 5, 6}, floats(reused.toArray()));
        assertArrayEquals(new float[] {4, 5, 6}, floats(first.toArray()), "the first message's bytes were reused");
        INDArray column = matrix.getColumn(2);
        assertArrayEquals(new float[] {3, 6}, floats(FlatValues.of(column).toArray()));
    }

    @Test
    void kryoAndJavaSerializationCarryTheBytesUnchanged() {
        float[] random = new float[10_000];
        java.util.SplittableRandom generator = new java.util.SplittableRandom(3);
        for (int i = 0; i < random.length; i++) {
            random[i] = (float) generator.nextGaussian();
        }
        FlatValues values = FlatValues.of(Nd4j.createFromArray(random));
        SparkConf conf = SparkSetup.useKryo(new SparkConf().set("spark.kryo.registrationRequired", "true"));
        for (SerializerInstance serializer : new SerializerInstance[] {new KryoSerializer(conf).newInstance(),
            new JavaSerializer(conf).newInstance()}) {
            ByteBuffer bytes = serializer.serialize(values, ClassTag$.MODULE$.apply(FlatValues.class));
            FlatValues back = serializer.deserialize(bytes, ClassTag$.MODULE$.apply(FlatValues.class));
            assertArrayEquals(random, floats(back.toArray()), serializer.getClass().getSimpleName());
        }
    }
}
