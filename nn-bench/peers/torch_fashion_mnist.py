#!/usr/bin/python3
"""PyTorch reference recipe on Fashion-MNIST, to compare nn4j's FashionMnistDemo with.

Recipe: 784-256-128-10 MLP (nn.Linear, ReLU, Dropout(0.2) after each hidden layer, He-normal
weights, zero biases), softmax cross-entropy (F.cross_entropy), Adam lr 1e-3 (betas 0.9/0.999,
eps 1e-8), batches of 128 shuffled every epoch, pixels scaled to [0, 1], 10 epochs over the 60,000
training images; test accuracy on the 10,000 test images in eval mode (no dropout). The same
network, loss, optimizer and batch as nn4j's `reference` recipe (which holds out 5,000 images for
validation and anneals the rate on a cosine; this script trains on all 60,000 at a constant rate).
Native settings as nn-bench's other peers (peer_env.py); threads = all cores.

The timed part is the training loop only (data loading and the test pass are not timed).

Run: /usr/bin/python3 nn-bench/peers/torch_fashion_mnist.py [--epochs 10] [--data /usr/share/datasets/fashion-mnist]
Prints one line: PEER-RESULT peer=pytorch-fashion-mnist ... train_seconds=<s> test_accuracy=<fraction>
"""
import peer_env  # noqa: F401  (first: native settings before torch loads)

import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

import peer_common as pc


def idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(directory, part, limit):
    images = idx(os.path.join(directory, part + "-images-idx3-ubyte.gz"), 16).reshape(-1, 784)[:limit]
    labels = idx(os.path.join(directory, part + "-labels-idx1-ubyte.gz"), 8)[:limit]
    return torch.from_numpy(images.astype(np.float32) / 255.0), torch.from_numpy(labels.astype(np.int64))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N images of each part (tests)")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    blas = pc.OpenBlas()
    torch.set_num_threads(args.threads)
    blas.set_threads(args.threads)
    x_train, y_train = load(args.data, "train", args.limit)
    x_test, y_test = load(args.data, "t10k", args.limit)

    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(128, 10))
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)

    start = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_train))
        for first in range(0, len(order), args.batch):
            rows = order[first:first + args.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x_train[rows]), y_train[rows])
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
    print("PEER-RESULT peer=pytorch-fashion-mnist epochs=%d batch=%d lr=%g threads=%d blas=%s torch=%s "
          "train_images=%d train_seconds=%.2f test_accuracy=%.4f" % (
              args.epochs, args.batch, args.lr, args.threads, blas.core(), torch.__version__.split("+")[0],
              len(x_train), seconds, accuracy), flush=True)


if __name__ == "__main__":
    main()
