#!/usr/bin/env bash
# One benchmark sitting, as docs/benchmarks.md reports it: PyTorch (torch_speed.py), numpy/OpenBLAS
# sgemm and seqcast's JMH benchmarks, one after the other on the same machine.
#
#   apt-get install -y python3-torch python3-numpy
#   (cd /tmp && apt-get download libopenblas0-openmp && dpkg -x libopenblas0-openmp_*.deb /opt/eval-openblas)
#   tools/bench/sitting.sh [OUT_DIR] [PATH_TO_torch_speed.py]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-target/sitting}
TORCH_SPEED=${2:-../shared/tools/pytorch/torch_speed.py}
OB=/opt/eval-openblas/usr/lib/x86_64-linux-gnu/openblas-openmp
mkdir -p "$OUT"
./mvnw -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
JMH=(java --add-modules=jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main)
{ date; uptime; } > "$OUT/start.txt"
/usr/bin/python3 "$TORCH_SPEED" --quick --repeats 2 --out "$OUT/torch.json" > "$OUT/torch.log" 2>&1
OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH=$OB /usr/bin/python3 - > "$OUT/numpy-sgemm.txt" <<'PY'
import numpy as np, time
a = np.random.rand(256, 256).astype(np.float32); b = np.random.rand(256, 256).astype(np.float32)
for _ in range(50): a @ b
ts = []
for _ in range(7):
    t = time.perf_counter()
    for _ in range(200): a @ b
    ts.append((time.perf_counter() - t) / 200)
ts.sort()
print("numpy+OpenBLAS 1 thread sgemm 256: %.1f GFLOP/s (median of 7x200)" % (2 * 256**3 / ts[3] / 1e9))
PY
"${JMH[@]}" ForecastBenchmark -f 1 -wi 5 -i 5 -w 1 -r 1 -p backend=vector-256,vector-512,scalar \
    -rf json -rff "$OUT/forecast.json" > "$OUT/forecast.log" 2>&1
"${JMH[@]}" SgemmBenchmark -f 1 -wi 4 -i 6 -w 500ms -r 500ms -rf json -rff "$OUT/sgemm.json" > "$OUT/sgemm.log" 2>&1
"${JMH[@]}" TrainingEpochBenchmark -f 1 -wi 2 -i 4 -rf json -rff "$OUT/training.json" > "$OUT/training.log" 2>&1
{ date; uptime; } > "$OUT/end.txt"
grep -hE "^(ForecastBenchmark|SgemmBenchmark|TrainingEpochBenchmark)" "$OUT"/*.log
cat "$OUT/numpy-sgemm.txt"
