#!/usr/bin/env bash
# Streaming check for `framing predict`: scores two plain-text inputs of different sizes (the corpus
# sentences repeated, in order, so both have the same text mix) and reports the input size, rows,
# seconds, rows per second and peak resident memory of each run, and the ratio of the peaks. Flat
# memory means a ratio near 1 while the input grows tenfold. The output goes to a line count, not disk.
# Usage: scripts/predict-memory.sh [small-MB] [large-MB] [model]   (default 100 1000, the default model)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small=${1:-100}
large=${2:-1000}
model=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/FramingClassifier.Cli" -c Release --nologo -v quiet >/dev/null
framing=$root/src/FramingClassifier.Cli/bin/Release/net10.0/framing
cut -f1 "$root"/data/corpus/*.tsv | grep -v '^text$' > "$work/pool.txt"
declare -A peak
for mb in "$small" "$large"; do
  awk -v limit=$((mb * 1000000)) '{ pool[NR] = $0 } END { for (i = 0; size < limit; i++) { line = pool[i % NR + 1]; print line; size += length(line) + 1 } }' \
    "$work/pool.txt" > "$work/in.txt"
  rows=$(wc -l < "$work/in.txt")
  bytes=$(stat -c %s "$work/in.txt")
  { /usr/bin/time -f '%e %M' -o "$work/time" "$framing" predict ${model:+--model "$model"} --input "$work/in.txt" --quiet | wc -l > "$work/count"; }
  read -r seconds kb < "$work/time"
  [[ $(cat "$work/count") -eq $rows ]] || { echo "predict-memory: expected $rows output rows, got $(cat "$work/count")" >&2; exit 1; }
  peak[$mb]=$kb
  awk -v b="$bytes" -v r="$rows" -v s="$seconds" -v k="$kb" \
    'BEGIN { printf "%7.1f MB input  %9d rows  %7.1f s  %8.0f rows/s  peak RSS %6.1f MB\n", b / 1e6, r, s, r / s, k / 1024 }'
done
awk -v a="${peak[$small]}" -v b="${peak[$large]}" 'BEGIN { printf "peak RSS ratio (large / small): %.3f\n", b / a }'
