#!/usr/bin/python3
"""nn-bench peer: a multi-layer perceptron in plain numpy with hand-written backpropagation.

The same work per training step as nn4j's Nn4jRunner (nn-bench):
  - float32; layers sizes[0] -> ... -> sizes[-1], Dense (X.W + b), ReLU after every Dense but the
    last, He-normal weights, zero biases; batches cycled from `--batches` pre-built ones;
  - forward, softmax cross-entropy gradient (softmax(logits) - onehot) / batch on the logits (the
    loss value itself is not computed, as nn4j's runner does not), backward with dW = X^T.G,
    db = column sums of G, dX = G.W^T (skipped for the first layer, as nn4j skips it), ReLU mask;
  - plain SGD (w -= lr * grad) after the whole backward pass. Only SGD: `--optimizer sgd`.
Buffers are preallocated and every operation writes in place, as nn4j does.

Run: /usr/bin/python3 nn-bench/peers/numpy_mlp.py --sizes 784,128,10 --batch 32 --reps 5
Prints one line: PEER-RESULT peer=numpy ... samples_per_s=<one value per repetition>
"""
import peer_env  # noqa: F401  (first: native settings before numpy loads)

import numpy as np

import peer_common as pc


def make_step(weights, biases, xs, onehots, lr):
    """A function that trains one step on the next batch, updating `weights` and `biases` in place."""
    batch = xs[0].shape[0]
    layers = [w.shape for w in weights]
    outputs = [np.empty((batch, o), np.float32) for _, o in layers]       # H of each layer (after ReLU)
    masks = [np.empty((batch, o), np.bool_) for _, o in layers[:-1]]
    grads = [np.empty((batch, o), np.float32) for _, o in layers]         # dL/dH of each layer
    weight_grads = [np.empty_like(w) for w in weights]
    bias_grads = [np.empty_like(b) for b in biases]
    row_max = np.empty((batch, 1), np.float32)
    row_sum = np.empty((batch, 1), np.float32)
    last = len(layers) - 1
    lr = np.float32(lr)
    scale = np.float32(1.0 / batch)
    state = {"next": 0}

    def step():
        i = state["next"]
        state["next"] = (i + 1) % len(xs)
        x, y = xs[i], onehots[i]
        a = x
        for l in range(len(layers)):
            np.matmul(a, weights[l], out=outputs[l])
            outputs[l] += biases[l]
            if l < last:
                np.maximum(outputs[l], 0, out=outputs[l])
            a = outputs[l]
        g = grads[last]
        np.max(a, axis=1, keepdims=True, out=row_max)
        np.subtract(a, row_max, out=g)
        np.exp(g, out=g)
        np.sum(g, axis=1, keepdims=True, out=row_sum)
        g /= row_sum
        g -= y
        g *= scale
        for l in range(last, -1, -1):
            inputs = x if l == 0 else outputs[l - 1]
            np.matmul(inputs.T, grads[l], out=weight_grads[l])
            np.sum(grads[l], axis=0, keepdims=True, out=bias_grads[l])
            if l > 0:
                np.matmul(grads[l], weights[l].T, out=grads[l - 1])
                np.greater(outputs[l - 1], 0, out=masks[l - 1])
                grads[l - 1] *= masks[l - 1]
        for l in range(len(layers)):
            weight_grads[l] *= lr
            weights[l] -= weight_grads[l]
            bias_grads[l] *= lr
            biases[l] -= bias_grads[l]

    return step


def main():
    args = pc.parse_args("numpy", ["sgd"])
    sizes, batch = args.sizes, args.batch
    xs, _, onehots = pc.batches(args.seed, sizes[0], sizes[-1], batch, args.batches)
    rng = np.random.default_rng(args.seed + 1)
    weights = [(rng.standard_normal((i, o)) * np.sqrt(2.0 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    biases = [np.zeros((1, o), np.float32) for o in sizes[1:]]
    step = make_step(weights, biases, xs, onehots, args.lr)

    blas = pc.OpenBlas()
    threads, samples = pc.measure(step, batch, args, blas.set_threads)
    pc.report("numpy", args, threads, blas.core(), samples, "numpy=" + np.__version__)


if __name__ == "__main__":
    main()
