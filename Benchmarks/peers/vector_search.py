#!/usr/bin/env python3
"""Peers of the memory service's in-process search (devmentor-bench vector-search): the same shape of problem
(N random vectors of D dimensions, normalised, exact top-k by inner product, one query at a time) solved by
numpy (normalised matrix @ query + argpartition) or by faiss-cpu IndexFlatIP (--peer). Prints one JSON line in
the BenchResult shape that Benchmarks/run.sh collects."""
import argparse
import json
import os
import sys
import time


def percentile(samples, p):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 1)) - 1))
    return ordered[index]


def emit(result_id, label, samples_ns, seconds, params, note=None):
    samples_ms = [s / 1e6 for s in samples_ns]
    line = {
        "id": result_id, "label": label, "count": len(samples_ms), "seconds": seconds,
        "rate": len(samples_ms) / seconds if seconds > 0 else 0, "unit": "queries/s",
        "p50Ms": percentile(samples_ms, 0.50), "p90Ms": percentile(samples_ms, 0.90),
        "p99Ms": percentile(samples_ms, 0.99), "maxMs": max(samples_ms), "errors": 0,
        "parameters": params,
    }
    if note:
        line["note"] = note
    print(json.dumps(line, sort_keys=True), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--dimension", type=int, default=384)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--peer", choices=["numpy", "faiss"], required=True)
    args = parser.parse_args()

    import numpy as np

    rng = np.random.default_rng(7)
    matrix = rng.uniform(-1, 1, size=(args.count, args.dimension)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    queries = rng.uniform(-1, 1, size=(args.queries + 5, args.dimension)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    scanned_mb = matrix.nbytes / 1e6
    threads = os.environ.get("OMP_NUM_THREADS", "library default")

    def numpy_search(q):
        scores = matrix @ q
        top = np.argpartition(-scores, args.limit)[: args.limit]
        return top[np.argsort(-scores[top], kind="stable")]

    if args.peer == "faiss":
        return faiss_peer(args, matrix, queries, scanned_mb)
    for q in queries[:5]:
        numpy_search(q)
    samples = []
    started = time.perf_counter_ns()
    for q in queries[5:]:
        t0 = time.perf_counter_ns()
        numpy_search(q)
        samples.append(time.perf_counter_ns() - t0)
    seconds = (time.perf_counter_ns() - started) / 1e9
    p50_s = percentile(samples, 0.5) / 1e9
    emit("memory.search.numpy", f"numpy {np.__version__}: matrix @ query + argpartition", samples, seconds,
         {"count": str(args.count), "dimension": str(args.dimension), "limit": str(args.limit), "threads": threads,
          "scannedMB": f"{scanned_mb:.1f}", "scanGBps": f"{matrix.nbytes / p50_s / 1e9:.2f}"})


def faiss_peer(args, matrix, queries, scanned_mb):
    try:
        import faiss
    except ImportError as error:
        print(f"faiss not installed: {error}", file=sys.stderr)
        return 1
    index = faiss.IndexFlatIP(args.dimension)
    index.add(matrix)
    for q in queries[:5]:
        index.search(q.reshape(1, -1), args.limit)
    samples = []
    started = time.perf_counter_ns()
    for q in queries[5:]:
        t0 = time.perf_counter_ns()
        index.search(q.reshape(1, -1), args.limit)
        samples.append(time.perf_counter_ns() - t0)
    seconds = (time.perf_counter_ns() - started) / 1e9
    p50_s = percentile(samples, 0.5) / 1e9
    emit("memory.search.faiss", f"faiss-cpu {faiss.__version__}: IndexFlatIP", samples, seconds,
         {"count": str(args.count), "dimension": str(args.dimension), "limit": str(args.limit),
          "threads": str(faiss.omp_get_max_threads()), "scannedMB": f"{scanned_mb:.1f}",
          "scanGBps": f"{matrix.nbytes / p50_s / 1e9:.2f}"})


if __name__ == "__main__":
    sys.exit(main())
