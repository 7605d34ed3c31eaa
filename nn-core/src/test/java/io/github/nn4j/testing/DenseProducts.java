package io.github.nn4j.testing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The matrix products nn4j's dense layers make, {@code C[m,n] = op(A)·op(B)} with A and B
 * row-major as nn4j stores them: per layer the forward pass {@code X·W}, the weight gradient
 * {@code Xᵀ·G}, the input gradient {@code G·Wᵀ} and the bias gradient {@code onesᵀ·G} (a product
 * for large arrays).
 */
public final class DenseProducts {

    private DenseProducts() {
    }

    /**
     * Makes a test's own description of one product.
     *
     * @param <P> the test's type
     */
    @FunctionalInterface
    public interface Factory<P> {

        /**
         * One product.
         *
         * @param role   what nn4j computes with it, e.g. {@code "Xᵀ·G"}
         * @param m      rows of C
         * @param k      inner size
         * @param n      columns of C
         * @param transA A stored as {@code [k, m]}
         * @param transB B stored as {@code [n, k]}
         * @return the test's description
         */
        P product(String role, int m, int k, int n, boolean transA, boolean transB);
    }

    /**
     * Every product of the networks, without repeats, in the order of the networks and layers.
     *
     * @param networks each a batch size followed by the layer widths, e.g. {@code {32, 784, 128, 10}}
     * @param factory  makes each product
     * @param <P>      the test's type
     * @return the products
     */
    public static <P> Set<P> of(List<int[]> networks, Factory<P> factory) {
        Set<P> products = new LinkedHashSet<>();
        for (int[] network : networks) {
            int batch = network[0];
            for (int layer = 1; layer + 1 < network.length; layer++) {
                int in = network[layer];
                int out = network[layer + 1];
                products.add(factory.product("X·W", batch, in, out, false, false));     // forward
                products.add(factory.product("Xᵀ·G", in, batch, out, true, false));     // weight gradient
                products.add(factory.product("G·Wᵀ", batch, out, in, false, true));     // input gradient
                products.add(factory.product("onesᵀ·G", 1, batch, out, true, false));   // bias gradient
            }
        }
        return products;
    }
}
