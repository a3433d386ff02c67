#!/usr/bin/env python3
"""Summarise OrtSideBySideBenchmark JSON results (tools/bench/sitting.sh) as docs/benchmarks.md's table.

Per row: the median over forks of each fork's mean, the spread of the fork means (min-max, and the
largest deviation from the median), bytes allocated per call (-prof gc), and the ratio
seqcast / ONNX Runtime (latency at batch 1; series/s at batch 256, each engine at its best threads).
Usage: tools/bench/ort_table.py target/sitting/ort-*.json
"""
import json
import statistics
import sys

rows = {}
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        p = r["params"]
        forks = [statistics.mean(f) for f in r["primaryMetric"]["rawData"]]
        gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {})
        alloc = [statistics.mean(f) for f in gc.get("rawData", [])]
        rows[(p["cell"], int(p["batch"]), p["engine"], int(p["threads"]))] = (forks, alloc)


def describe(forks):
    med = statistics.median(forks)
    dev = max(abs(f - med) / med for f in forks)
    return med, min(forks), max(forks), dev


print("| cell | batch | engine | threads | median per call | fork means | worst fork vs median | bytes/call (max fork) |")
print("|---|---:|---|---:|---:|---|---:|---:|")
for key in sorted(rows):
    cell, batch, engine, threads = key
    forks, alloc = rows[key]
    med, lo, hi, dev = describe(forks)
    amax = max(alloc) if alloc else float("nan")
    if batch == 1:
        cellv = "%.1f us" % med
        spread = "%.1f-%.1f us" % (lo, hi)
    else:
        cellv = "%.1fk series/s (%.2f ms)" % (batch / med * 1e3, med / 1e3)
        spread = "%.1fk-%.1fk/s" % (batch / hi * 1e3, batch / lo * 1e3)
    print("| %s | %d | %s | %d | %s | %s | %.0f%% | %.0f |" % (cell, batch, engine, threads, cellv, spread, dev * 100, amax))

print()
print("| cell | batch | seqcast best (threads) | ORT best (threads) | ratio | ratio range (fork extremes) |")
print("|---|---:|---:|---:|---:|---|")
for cell in ("GRU", "LSTM"):
    for batch in (1, 256):
        best = {}
        for engine in ("seqcast", "ort"):
            cands = [(statistics.median(rows[k][0]), k[3], rows[k][0]) for k in rows
                     if k[0] == cell and k[1] == batch and k[2] == engine]
            if cands:
                best[engine] = min(cands)
        if len(best) < 2:
            continue
        (s, st, sf), (o, ot, of) = best["seqcast"], best["ort"]
        if batch == 1:
            ratio, lo, hi = s / o, min(sf) / max(of), max(sf) / min(of)
            what = "seqcast/ORT latency %.2fx" % ratio
        else:
            ratio, lo, hi = o / s, min(of) / max(sf), max(of) / min(sf)
            what = "seqcast/ORT throughput %.2fx" % ratio
        print("| %s | %d | %.1f us (%d) | %.1f us (%d) | %s | %.2f-%.2fx |" % (cell, batch, s, st, o, ot, what, lo, hi))
