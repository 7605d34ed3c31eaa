package io.github.nn4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Cuts a data set into mini-batches, reshuffled every epoch from a seeded generator: either
 * continuing one generator ({@link #nextEpoch()}) or from a seed per epoch
 * ({@link #nextEpoch(long)}, what the {@code Trainer} uses so it can resume at any epoch).
 *
 * <p>Each epoch gathers the rows in shuffled order into two buffers allocated once (one native
 * call per array) and hands out batches as views of consecutive rows, so no batch is copied; the
 * views are made once and handed out again every epoch. The batches of one epoch hold its rows
 * until the next call to {@link #nextEpoch()}.
 *
 * <pre>{@code
 * BatchIterator batches = new BatchIterator(train, 128, true, false, 42);
 * for (Batch batch : batches.nextEpoch()) {
 *     model.forward(batch.features(), Mode.TRAIN);
 * }
 * }</pre>
 */
public final class BatchIterator {

    private final DataSet data;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Random random;
    private final int[] order;
    private INDArray shuffledFeatures;
    private INDArray shuffledLabels;
    /** The batches handed out, views of {@link #batchesOf}'s rows and the matching labels. */
    private List<Batch> batches;
    private INDArray batchesOf;

    /**
     * Creates an iterator.
     *
     * @param data      the examples
     * @param batchSize examples per batch, at least 1
     * @param shuffle   whether to reshuffle every epoch
     * @param dropLast  whether to drop a last batch smaller than {@code batchSize}
     * @param seed      the seed of the shuffle
     */
    public BatchIterator(DataSet data, int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (data == null) {
            throw new IllegalArgumentException("data set is null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (dropLast && batchSize > data.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " with the last partial batch dropped "
                    + "leaves no batch of " + data.size() + " examples");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.random = new Random(seed);
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /**
     * An iterator that reshuffles every epoch and keeps the last partial batch.
     *
     * @param data      the examples
     * @param batchSize examples per batch, at least 1
     * @param seed      the seed of the shuffle
     */
    public BatchIterator(DataSet data, int batchSize, long seed) {
        this(data, batchSize, true, false, seed);
    }

    /** Number of batches per epoch. */
    public int batchesPerEpoch() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * The batches of the next epoch, in (re)shuffled order.
     *
     * @return the batches, views valid until the next call
     */
    public List<Batch> nextEpoch() {
        INDArray features = data.features();
        INDArray labels = data.labels();
        if (shuffle) {
            shuffle(order, random);
            if (shuffledFeatures == null) {
                shuffledFeatures = Nd4j.createUninitialized(features.dataType(), features.shape());
                shuffledLabels = Nd4j.createUninitialized(labels.dataType(), labels.shape());
            }
            Nd4j.pullRows(features, shuffledFeatures, 1, order);
            Nd4j.pullRows(labels, shuffledLabels, 1, order);
            features = shuffledFeatures;
            labels = shuffledLabels;
        }
        if (batches == null || batchesOf != features) {   // the same buffers every epoch: the same views
            batchesOf = features;
            List<Batch> cut = new ArrayList<>(batchesPerEpoch());
            for (int b = 0; b < batchesPerEpoch(); b++) {
                int start = b * batchSize;
                int end = Math.min(start + batchSize, data.size());
                cut.add(new Batch(rows(features, start, end), rows(labels, start, end)));
            }
            batches = Collections.unmodifiableList(cut);
        }
        return batches;
    }

    /**
     * The batches of an epoch shuffled by a generator freshly seeded with {@code seed}, starting
     * from the data set's own order: the result depends on {@code seed} alone, not on earlier
     * epochs, so a training run can be restarted at any epoch. Without shuffling, the data set's
     * order.
     *
     * @param seed the seed of this epoch's shuffle
     * @return the batches, views valid until the next call
     */
    public List<Batch> nextEpoch(long seed) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        random.setSeed(seed);
        return nextEpoch();
    }

    /**
     * The order of an epoch that {@link #nextEpoch(long)} shuffles with {@code seed}, for a data
     * set of {@code size} examples: position {@code i} of the epoch holds example {@code order[i]}.
     * A trainer that holds the examples elsewhere (split over machines, say) gets the order of one
     * machine from this.
     *
     * @param size the number of examples
     * @param seed the seed of the epoch's shuffle
     * @return the order, a permutation of {@code 0 … size−1}
     */
    public static int[] epochOrder(int size, long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed));
        return order;
    }

    /** Fisher–Yates from the last position down: the one shuffle of every epoch. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /**
     * Which example of the data set sits at each position of the current epoch: batch b holds
     * the examples at positions {@code b·batchSize …}. Before the first epoch, and without
     * shuffling, this is {@code 0, 1, …, n−1}.
     *
     * @return a copy of the current order
     */
    public int[] order() {
        return order.clone();
    }

    /** The examples per batch (the last batch may be smaller unless it is dropped). */
    public int batchSize() {
        return batchSize;
    }

    private static INDArray rows(INDArray array, int start, int end) {
        return array.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }
}
