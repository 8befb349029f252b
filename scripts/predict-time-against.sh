#!/usr/bin/env bash
# Predict time of this checkout's default model against another commit's, both in one process
# (benchmarks: compare-runtime), in several processes: each process lays out code and data anew, so
# the spread between processes is part of the answer. Prints every run and the median ratio per case
# (three sentences scored over and over, and the corpus sentences in turn).
# Usage: scripts/predict-time-against.sh <commit> [processes] [rounds]   (default 5 processes, 21 rounds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commit=$1
runs=${2:-5}
rounds=${3:-21}
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add --detach "$work/tree" "$commit" >/dev/null 2>&1
dotnet build "$work/tree/src/FramingClassifier" -c Release --nologo -v quiet -o "$work/baseline" >/dev/null
dotnet build "$root/benchmarks/FramingClassifier.Benchmarks" -c Release --nologo -v quiet >/dev/null
bench=$root/benchmarks/FramingClassifier.Benchmarks/bin/Release/net10.0/FramingClassifier.Benchmarks.dll
for run in $(seq "$runs"); do
  echo "run $run"
  dotnet "$bench" compare-runtime "$work/baseline/FramingClassifier.dll" "$rounds" | tee "$work/run$run.txt"
done
echo "median over $runs processes of the per-process ratio ($commit = 1):"
cat "$work"/run*.txt | python3 -c '
import sys, statistics
ratios = {}
for line in sys.stdin:
    f = line.split()
    if len(f) > 3 and (f[0].isdigit() or f[0] == "corpus"): ratios.setdefault(f[0], []).append(float(f[3]))
for name, r in ratios.items():
    print("%6s  %.3f  (runs: %s)" % (name, statistics.median(r), " ".join("%.3f" % x for x in r)))'
