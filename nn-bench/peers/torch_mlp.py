#!/usr/bin/python3
"""nn-bench peer: the same multi-layer perceptron as a torch.nn.Sequential, trained with
torch.optim.SGD or torch.optim.Adam.

The same work per training step as nn4j's Nn4jRunner (nn-bench):
  - float32; layers sizes[0] -> ... -> sizes[-1], nn.Linear with ReLU after every Linear but the
    last, He-normal weights (kaiming_normal_, fan_in), zero biases; batches cycled from
    `--batches` pre-built ones;
  - forward, F.cross_entropy on the logits (softmax cross-entropy, mean over the batch), backward
    (autograd skips dL/dX of the first layer, as nn4j does), optimizer step;
  - SGD without momentum (lr 0.01) or Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8, as nn4j's Adam).
PyTorch also computes the loss value (one reduction more than nn4j's runner) and zeroes gradients
by dropping them (set_to_none).

Run: /usr/bin/python3 nn-bench/peers/torch_mlp.py --sizes 784,128,10 --batch 32 --optimizer adam
Prints one line: PEER-RESULT peer=pytorch ... samples_per_s=<one value per repetition>
"""
import peer_env  # noqa: F401  (first: native settings before torch loads)

import torch
import torch.nn.functional as F
from torch import nn

import peer_common as pc


def build(sizes):
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        linear = nn.Linear(n_in, n_out)
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i + 2 < len(sizes):
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def main():
    args = pc.parse_args("pytorch", ["sgd", "adam"])
    torch.manual_seed(args.seed)
    xs, labels, _ = pc.batches(args.seed, args.sizes[0], args.sizes[-1], args.batch, args.batches)
    xs = [torch.from_numpy(x) for x in xs]
    labels = [torch.from_numpy(y) for y in labels]
    model = build(args.sizes)
    if args.optimizer == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    state = {"next": 0}

    def step():
        i = state["next"]
        state["next"] = (i + 1) % len(xs)
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(xs[i]), labels[i])
        loss.backward()
        optimizer.step()

    blas = pc.OpenBlas()

    def set_threads(n):
        torch.set_num_threads(n)
        blas.set_threads(n)

    threads, samples = pc.measure(step, args.batch, args, set_threads)
    pc.report("pytorch", args, threads, blas.core(), samples, "torch=" + torch.__version__.split("+")[0])


if __name__ == "__main__":
    main()
