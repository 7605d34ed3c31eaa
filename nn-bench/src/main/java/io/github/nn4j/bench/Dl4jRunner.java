package io.github.nn4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The peer: the same network as a Deeplearning4j {@link MultiLayerNetwork} (dense layers with
 * ReLU, an output layer with softmax and MCXENT), float32, workspaces enabled for training and
 * inference, no listeners, trained with {@code net.fit(DataSet)} on the same batches.
 */
public final class Dl4jRunner implements TrainingRunner {

    private final MultiLayerNetwork net;
    private final List<DataSet> dataSets = new ArrayList<>();
    private final int batchSize;
    private int next;

    /**
     * Builds and initializes the network.
     *
     * @param workload the layer sizes and batch size
     * @param updater  the updater, e.g. {@code new Sgd(0.01)}
     * @param batches  the data to cycle through
     * @param seed     DL4J's initialization seed
     */
    public Dl4jRunner(Workload workload, IUpdater updater, SyntheticBatches batches, long seed) {
        this.net = buildNetwork(workload.sizes(), updater, seed);
        for (int i = 0; i < batches.count(); i++) {
            dataSets.add(new DataSet(batches.features().get(i), batches.labels().get(i)));
        }
        this.batchSize = (int) batches.batchSize();
    }

    /**
     * The DL4J network for {@code sizes}: {@code DenseLayer(ReLU)} per hidden layer and an
     * {@code OutputLayer(softmax, MCXENT)}, He ({@code WeightInit.RELU}) weights.
     *
     * @param sizes   layer widths, input first
     * @param updater the updater
     * @param seed    the initialization seed
     * @return an initialized network
     */
    public static MultiLayerNetwork buildNetwork(List<Integer> sizes, IUpdater updater, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int last = sizes.size() - 2;
        for (int i = 0; i < last; i++) {
            list.layer(new DenseLayer.Builder().nIn(sizes.get(i)).nOut(sizes.get(i + 1))
                    .activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(sizes.get(last)).nOut(sizes.get(last + 1)).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration configuration = list.build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    @Override
    public String name() {
        return "DL4J";
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /** The network being trained. */
    public MultiLayerNetwork network() {
        return net;
    }

    @Override
    public void train(int steps) {
        for (int s = 0; s < steps; s++) {
            net.fit(dataSets.get(next));
            next = (next + 1) % dataSets.size();
        }
    }
}
