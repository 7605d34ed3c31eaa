package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.LayerOwner;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.ShapePreserving;
import io.github.nn4j.layers.Softmax;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each layer records the model it belongs to; there is no list of layers outside them. */
class LayerOwnershipTest {

    /** A layer of one's own that passes its input on; {@code owner} is its record, or null for none. */
    private static final class PassOn implements ShapePreserving {
        private final LayerOwner owner;
        private final boolean failsToBind;

        PassOn(LayerOwner owner, boolean failsToBind) {
            this.owner = owner;
            this.failsToBind = failsToBind;
        }

        @Override
        public String typeName() {
            return "pass_on";
        }

        @Override
        public LayerOwner owner() {
            return owner;
        }

        @Override
        public void bindParameters(List<Parameter> parameters) {
            if (failsToBind) {
                throw new IllegalArgumentException("cannot bind");
            }
        }

        @Override
        public INDArray forward(INDArray input, Mode mode) {
            return input;
        }

        @Override
        public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
            return outputGradient;
        }
    }

    @Test
    void aRecordBelongsToTheFirstModelThatClaimsItUntilThatModelReleasesIt() {
        LayerOwner owner = new LayerOwner();
        Object first = new Object();
        Object second = new Object();
        assertTrue(owner.claim(first));
        assertTrue(owner.claim(first));
        assertFalse(owner.claim(second));
        owner.release(second);
        assertFalse(owner.claim(second));
        owner.release(first);
        assertTrue(owner.claim(second));
    }

    @Test
    void everyBuiltInLayerKeepsARecordOfItsOwn() {
        ReLU relu = new ReLU();
        assertSame(relu.owner(), relu.owner());
        assertFalse(relu.owner() == new ReLU().owner());
        for (var layer : List.of(new Dense(2, 2), new Dropout(0.5), new Softmax(), relu)) {
            assertTrue(layer.owner() != null, layer.toString());
        }
    }

    @Test
    void aModelThatFailsAfterClaimingItsLayersReleasesThem() {
        Dense first = new Dense(2, 3);
        PassOn failing = new PassOn(new LayerOwner(), true);
        assertThrows(IllegalArgumentException.class, () -> new Sequential(first, failing));
        assertEquals(2, new Sequential(first, new PassOn(new LayerOwner(), false)).layers().size());
    }

    @Test
    void aLayerOfOnesOwnWithARecordIsRefusedByASecondModel() {
        PassOn layer = new PassOn(new LayerOwner(), false);
        new Sequential(new Dense(2, 2), layer);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sequential(layer));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("another Sequential"), e.getMessage());
    }

    @Test
    void aLayerOfOnesOwnWithoutARecordIsCheckedWithinOneModelOnly() {
        PassOn layer = new PassOn(null, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sequential(layer, layer));
        assertTrue(e.getMessage().contains("same object as layer 0"), e.getMessage());
        new Sequential(new Dense(2, 2), layer);
        assertEquals(1, new Sequential(layer).layers().size());
    }

    @Test
    void aRefusedModelLeavesTheLayersItClaimedBeforeTheRefusalFree() {
        Dense free = new Dense(2, 3);
        ReLU taken = new ReLU();
        new Sequential(taken);
        assertThrows(IllegalArgumentException.class, () -> new Sequential(free, taken));
        assertEquals(2, new Sequential(free, new ReLU()).layers().size());
    }
}
