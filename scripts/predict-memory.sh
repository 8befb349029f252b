#!/usr/bin/env bash
# Streaming check for `framing predict`: scores inputs of two sizes (sentences drawn from the corpus)
# and reports rows, seconds, rows per second and peak resident memory of each run, and the ratio of the
# peaks. Flat memory means a ratio near 1 while the input grows tenfold.
# Usage: scripts/predict-memory.sh [small-rows] [large-rows] [model]   (default 100000 1000000, the default model)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small=${1:-100000}
large=${2:-1000000}
model=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/FramingClassifier.Cli" -c Release --nologo -v quiet >/dev/null
framing=$root/src/FramingClassifier.Cli/bin/Release/net10.0/framing
cut -f1 "$root"/data/corpus/*.tsv | grep -v '^text$' > "$work/pool.txt"
declare -A peak
for rows in "$small" "$large"; do
  # Repeat the pool, in order, up to the row count: the same text mix at both sizes.
  awk -v n="$rows" '{ pool[NR] = $0 } END { for (i = 0; i < n; i++) print pool[i % NR + 1] }' "$work/pool.txt" > "$work/in.txt"
  /usr/bin/time -f '%e %M' -o "$work/time" "$framing" predict ${model:+--model "$model"} --input "$work/in.txt" --output "$work/out.jsonl" --quiet
  read -r seconds kb < "$work/time"
  [[ $(wc -l < "$work/out.jsonl") -eq $rows ]] || { echo "predict-memory: expected $rows output rows" >&2; exit 1; }
  peak[$rows]=$kb
  awk -v r="$rows" -v s="$seconds" -v k="$kb" 'BEGIN { printf "%9d rows  %7.2f s  %8.0f rows/s  peak RSS %6.1f MB\n", r, s, r / s, k / 1024 }'
done
awk -v a="${peak[$small]}" -v b="${peak[$large]}" 'BEGIN { printf "peak RSS ratio (large / small): %.2f\n", b / a }'
