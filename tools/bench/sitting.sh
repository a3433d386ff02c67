#!/usr/bin/env bash
# One benchmark sitting, as docs/benchmarks.md reports it: seqcast against ONNX Runtime Java side by
# side (OrtSideBySideBenchmark, 5 JVM forks per row, -prof gc), one cell and batch at a time with the
# two engines interleaved, then PyTorch's torch_speed.py when torch is installed.
#
#   tools/bench/sitting.sh [OUT_DIR] [PATH_TO_torch_speed.py]
#   QUICK=1 tools/bench/sitting.sh   # shorter iterations (about 10 minutes on a quiet 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-target/sitting}
TORCH_SPEED=${2:-../shared/tools/pytorch/torch_speed.py}
# -Xbatch: each fork compiles its hot code when due instead of queueing it behind a starved compiler
# thread; on a loaded machine the Vector API code otherwise ran interpreted (hundreds of times
# slower, megabytes of boxed vectors per call) through the whole warm-up.
if [[ "${QUICK:-0}" == 1 ]]; then ITER=(-wi 5 -w 1s -i 3 -r 500ms); else ITER=(-wi 5 -w 1s -i 5 -r 1s); fi
ITER+=(-jvmArgsAppend -Xbatch)
mkdir -p "$OUT"
./mvnw -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
JAVA=(java --add-modules=jdk.incubator.vector)
{ date -u; uptime; } > "$OUT/start.txt"
# The width, as seqcast.tensor.backend=auto measures it (each in a JVM of its own), once for the sitting.
for b in vector-256 vector-512; do "${JAVA[@]}" -Xbatch -cp target/classes io.seqcast.tensor.WidthProbe "$b" 400; done \
    | tee "$OUT/width.txt"
BACKEND=$(sort -k2 -g "$OUT/width.txt" | head -1 | cut -d' ' -f1)
for cell in GRU LSTM; do
  for batch in 1 256; do
    "${JAVA[@]}" -cp "$CP" org.openjdk.jmh.Main OrtSideBySideBenchmark -f 5 "${ITER[@]}" -prof gc \
        -p cell=$cell -p batch=$batch -p threads=1,2 -p engine=seqcast,ort -p backend="$BACKEND" \
        -rf json -rff "$OUT/ort-$cell-$batch.json" > "$OUT/ort-$cell-$batch.log" 2>&1
    uptime >> "$OUT/load.txt"
  done
done
if /usr/bin/python3 -c 'import torch' 2>/dev/null && [[ -f "$TORCH_SPEED" ]]; then
  /usr/bin/python3 "$TORCH_SPEED" --quick --repeats 2 --out "$OUT/torch.json" > "$OUT/torch.log" 2>&1 || true
fi
{ date -u; uptime; } > "$OUT/end.txt"
grep -hE "^OrtSideBySideBenchmark" "$OUT"/ort-*.log
