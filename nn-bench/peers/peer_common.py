"""Shared parts of nn-bench's Python peers: arguments, synthetic batches, thread control of the
OpenBLAS that numpy and PyTorch load, the timing loop, and the result line nn-bench parses.

The timing follows nn-bench's WorkloadBench: a warm-up (here also used to pick the faster thread
count), then `--reps` repetitions of about `--rep-seconds` each, samples/s per repetition.
"""
import argparse
import ctypes
import os
import time

import numpy as np


def parse_args(peer, optimizers):
    parser = argparse.ArgumentParser(description="nn-bench peer: " + peer)
    parser.add_argument("--sizes", default="784,128,10", help="layer widths, input first")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--optimizer", default="sgd", choices=optimizers)
    parser.add_argument("--lr", type=float, default=None, help="default 0.01 for sgd, 1e-3 for adam")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds")
    parser.add_argument("--rep-seconds", type=float, default=1.0)
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--batches", type=int, default=16, help="distinct batches cycled through")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--threads", default="auto",
                        help="threads of OpenBLAS (and PyTorch): a number, or 'auto' to try 1 and all cores")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if args.lr is None:
        args.lr = 0.01 if args.optimizer == "sgd" else 1e-3
    return args


def batches(seed, inputs, classes, batch, count):
    """Float32 standard-normal features and uniformly random labels (indices and one-hot), as
    nn-bench's SyntheticBatches (a different generator, the same distributions)."""
    rng = np.random.default_rng(seed)
    xs = [rng.standard_normal((batch, inputs), dtype=np.float32) for _ in range(count)]
    labels = [rng.integers(0, classes, batch) for _ in range(count)]
    onehots = [np.eye(classes, dtype=np.float32)[y] for y in labels]
    return xs, labels, onehots


class OpenBlas:
    """The OpenBLAS this process has loaded (found in /proc/self/maps), asked through ctypes."""

    def __init__(self):
        self.lib = None
        try:
            with open("/proc/self/maps") as maps:
                paths = [line.split()[-1] for line in maps if "/" in line]
        except OSError:
            paths = []
        for path in dict.fromkeys(paths):
            name = os.path.basename(path)
            if "openblas" in path and (name.startswith("libopenblas") or name.startswith("libblas")):
                try:
                    lib = ctypes.CDLL(path)
                    lib.openblas_get_corename.restype = ctypes.c_char_p
                    self.lib = lib
                    break
                except (OSError, AttributeError):
                    continue

    def core(self):
        return self.lib.openblas_get_corename().decode() if self.lib else "?"

    def set_threads(self, n):
        if self.lib:
            self.lib.openblas_set_num_threads(int(n))


def thread_candidates(spec):
    if spec != "auto":
        return [int(spec)]
    cores = len(os.sched_getaffinity(0))
    return sorted({1, cores})


def measure(step, batch, args, set_threads):
    """Warm-up (trying each thread count), then the timed repetitions; returns (threads, samples/s list)."""
    candidates = thread_candidates(args.threads)
    best_threads, best_rate = candidates[0], -1.0
    for threads in candidates:
        set_threads(threads)
        rate = _rate(step, args.warmup / len(candidates))
        if rate > best_rate:
            best_threads, best_rate = threads, rate
    set_threads(best_threads)
    steps_per_rep = max(2, round(args.rep_seconds * _rate(step, min(0.5, args.warmup / 2))))
    samples = []
    for _ in range(args.reps):
        start = time.perf_counter()
        for _ in range(steps_per_rep):
            step()
        samples.append(steps_per_rep * batch / (time.perf_counter() - start))
    return best_threads, samples


def _rate(step, seconds):
    """Steps per second over the second half of `seconds` of steps (at least 4 steps)."""
    start = time.perf_counter()
    steps = 0
    while steps < 2 or time.perf_counter() - start < seconds / 2:
        step()
        steps += 1
    start = time.perf_counter()
    steps = 0
    while steps < 2 or time.perf_counter() - start < seconds / 2:
        step()
        steps += 1
    return steps / (time.perf_counter() - start)


def report(peer, args, threads, blas_core, samples, extra=""):
    """The line nn-bench's PythonPeers parses: PEER-RESULT key=value ..."""
    print("PEER-RESULT peer=%s sizes=%s batch=%d optimizer=%s lr=%g threads=%d blas=%s%s samples_per_s=%s" % (
        peer, "-".join(map(str, args.sizes)), args.batch, args.optimizer, args.lr, threads, blas_core,
        (" " + extra) if extra else "", ",".join("%.1f" % s for s in samples)), flush=True)
