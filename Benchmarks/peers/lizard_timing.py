#!/usr/bin/env python3
"""lizard on one file, one analysis at a time, in one interpreter (no start-up cost counted): the peer of
`devmentor-bench analyze`. Prints one BenchResult JSON line, like the Swift bench commands."""
import argparse
import json
import math
import os
import time

import lizard


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()
    for _ in range(args.warmup):
        lizard.analyze_file(args.file)
    samples = []
    started = time.perf_counter_ns()
    for _ in range(args.iterations):
        t0 = time.perf_counter_ns()
        info = lizard.analyze_file(args.file)
        samples.append(time.perf_counter_ns() - t0)
    seconds = (time.perf_counter_ns() - started) / 1e9
    samples.sort()

    def rank(p):
        index = min(len(samples) - 1, max(0, math.ceil(round(p * len(samples), 9)) - 1))
        return samples[index] / 1e6

    with open(args.file, encoding="utf-8", errors="replace") as source:
        lines = source.read().count("\n")
    print(json.dumps({
        "id": "ai.analyze.lizard", "label": f"lizard.analyze_file on the same {lines}-line file, in one interpreter",
        "count": len(samples), "seconds": seconds, "rate": len(samples) / seconds if seconds else 0, "unit": "analyses/s",
        "p50Ms": rank(0.50), "p90Ms": rank(0.90), "p99Ms": rank(0.99), "maxMs": samples[-1] / 1e6, "errors": 0,
        "parameters": {"file": os.path.basename(args.file), "lines": str(lines), "functions": str(len(info.function_list))},
    }, sort_keys=True))


if __name__ == "__main__":
    main()
