#!/usr/bin/python3
"""nn-bench serving peer: prediction latency and throughput of an MLP in numpy or PyTorch.

The network (ReLU between dense layers, logits out, float32) comes from an .npz that nn-bench
writes: W0, b0, W1, b1, ... with W of shape [in, out] and b of shape [1, out], so every runtime
predicts with the same weights.

  numpy    hand-written: a = np.maximum(a @ W + b, 0) per hidden layer, into preallocated buffers
           (np.matmul(out=...), in-place add and maximum), as nn-bench's numpy training peer does;
  torch    torch.nn.Sequential of nn.Linear and nn.ReLU under torch.no_grad(), eval mode; the
           request is a numpy float32 array turned into a tensor with torch.from_numpy (no copy),
           the answer copied into a preallocated numpy array.

Latency: for each batch size, single calls timed one by one (warm-up first), median and 99th
percentile in microseconds. `--threads 1` sets OpenBLAS (and PyTorch's intra-op pool) to one
thread; `--threads default` leaves each library's own default (all cores).
Throughput: as many worker processes as cores (the way Python servers scale), each with one
thread, predicting one row per call as fast as it can for `--throughput-seconds`.

Run: /usr/bin/python3 nn-bench/peers/predict_peer.py --peer numpy --weights w.npz --threads 1
Prints a PEER-CHECK line (the outputs for one row of 0.5s, which nn-bench compares with nn4j's),
then PEER-LATENCY and PEER-THROUGHPUT lines.
"""
import peer_env  # noqa: F401  (first: native settings before numpy or torch load)

import argparse
import multiprocessing
import os
import time

import numpy as np

import peer_common as pc


def load(path):
    archive = np.load(path)
    layers = len([k for k in archive.files if k.startswith("W")])
    return [(archive["W%d" % i].astype(np.float32), archive["b%d" % i].astype(np.float32)) for i in range(layers)]


def numpy_predictor(weights, batch):
    buffers = [np.empty((batch, w.shape[1]), np.float32) for w, _ in weights]
    last = len(weights) - 1

    def predict(x):
        a = x
        for i, (w, b) in enumerate(weights):
            out = buffers[i]
            np.matmul(a, w, out=out)
            out += b
            if i < last:
                np.maximum(out, 0, out=out)
            a = out
        return a

    return predict


def torch_predictor(weights, batch):
    import torch
    from torch import nn
    layers = []
    for i, (w, b) in enumerate(weights):
        linear = nn.Linear(w.shape[0], w.shape[1])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(w.T)))
            linear.bias.copy_(torch.from_numpy(b.reshape(-1)))
        layers.append(linear)
        if i + 1 < len(weights):
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers).eval()
    answer = np.empty((batch, weights[-1][0].shape[1]), np.float32)

    def predict(x):
        with torch.no_grad():
            answer[...] = model(torch.from_numpy(x)).numpy()
        return answer

    return predict


def set_threads(peer, threads):
    blas = pc.OpenBlas()
    if threads != "default":
        blas.set_threads(int(threads))
        if peer == "torch":
            import torch
            torch.set_num_threads(int(threads))
    return blas


def inputs(rows, batch, seed):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-1, 1, (batch, rows)).astype(np.float32) for _ in range(4)]


def latency(predictor, xs, seconds):
    """Warm-up, then single calls timed in turn for about `seconds`; (p50, p99, calls) in µs."""
    end = time.perf_counter() + min(0.3, seconds / 2)
    calls = 0
    while calls < 3 or time.perf_counter() < end:
        predictor(xs[calls % len(xs)])
        calls += 1
    samples = []
    end = time.perf_counter() + seconds
    while len(samples) < 50 or time.perf_counter() < end:
        x = xs[len(samples) % len(xs)]
        start = time.perf_counter_ns()
        predictor(x)
        samples.append((time.perf_counter_ns() - start) / 1e3)
    samples.sort()
    return percentile(samples, 50), percentile(samples, 99), len(samples)


def percentile(sorted_values, percent):
    rank = max(1, min(len(sorted_values), -(-len(sorted_values) * percent // 100)))
    return sorted_values[int(rank) - 1]


def worker(args, seed, start, queue):
    set_threads(args.peer, 1)
    weights = load(args.weights)
    predictor = (numpy_predictor if args.peer == "numpy" else torch_predictor)(weights, 1)
    xs = inputs(weights[0][0].shape[0], 1, seed)
    count = 0
    while time.time() < start:
        predictor(xs[count % len(xs)])
        count += 1
    count = 0
    end = start + args.throughput_seconds
    while time.time() < end:
        predictor(xs[count % len(xs)])
        count += 1
    queue.put(count)


def throughput(args):
    workers = len(os.sched_getaffinity(0))
    queue = multiprocessing.get_context("fork").Queue()
    start = time.time() + max(0.5, args.throughput_seconds / 3)
    processes = [multiprocessing.get_context("fork").Process(target=worker, args=(args, 3000 + i, start, queue))
                 for i in range(workers)]
    for p in processes:
        p.start()
    total = sum(queue.get() for _ in processes)
    for p in processes:
        p.join()
    return workers, total / args.throughput_seconds


def main():
    parser = argparse.ArgumentParser(description="nn-bench serving peer")
    parser.add_argument("--peer", choices=["numpy", "torch"], required=True)
    parser.add_argument("--weights", required=True)
    parser.add_argument("--network", default="?")
    parser.add_argument("--batches", default="1,8,32,256")
    parser.add_argument("--threads", default="1", help="1 or default")
    parser.add_argument("--seconds-per-cell", type=float, default=1.0)
    parser.add_argument("--throughput-seconds", type=float, default=0, help="0: no throughput run")
    args = parser.parse_args()

    blas = set_threads(args.peer, args.threads)
    weights = load(args.weights)
    version = np.__version__
    if args.peer == "torch":
        import torch
        version = torch.__version__.split("+")[0]
    make = numpy_predictor if args.peer == "numpy" else torch_predictor
    check = make(weights, 1)(np.full((1, weights[0][0].shape[0]), 0.5, np.float32))
    print("PEER-CHECK peer=%s outputs=%s" % (args.peer, ",".join("%.9g" % v for v in check.reshape(-1))), flush=True)
    for batch in [int(b) for b in args.batches.split(",")]:
        xs = inputs(weights[0][0].shape[0], batch, 1000 + batch)
        p50, p99, calls = latency(make(weights, batch), xs, args.seconds_per_cell)
        print("PEER-LATENCY peer=%s network=%s threads=%s batch=%d p50_us=%.2f p99_us=%.2f calls=%d blas=%s version=%s"
              % (args.peer, args.network, args.threads, batch, p50, p99, calls, blas.core(), version), flush=True)
    if args.throughput_seconds > 0:
        workers, rate = throughput(args)
        print("PEER-THROUGHPUT peer=%s network=%s threads=1 workers=%d predictions_per_s=%.1f"
              % (args.peer, args.network, workers, rate), flush=True)


if __name__ == "__main__":
    main()
