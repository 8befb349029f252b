#!/usr/bin/env bash
# The accurate tier's cost against the n-gram tier, in one run so the figures are ratios taken under
# the same load: trains a stance model on the TweetEval stance training tweets with and without
# `--embeddings minilm` (same L2 and class weights), then scores the same rows, the 1,249 test tweets
# repeated REPEAT times (default 1), with `framing predict` and each model, on all cores, RUNS times
# each, alternated; reports the median rows/s (whole process) and the peak RSS (/usr/bin/time -v), and
# the ratios; then the in-process batch rate of each (framing bench, all cores) on the first BENCH rows
# (default 256), where start-up does not count. Usage: scripts/embedding-tier-speed.sh [runs]   env: REPEAT, WORK=<dir> keeps the models.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
repeat=${REPEAT:-1}
bench=${BENCH:-256}
data=${DATA:-$root/../shared/datasets/tweeteval-stance}
[[ -d $data ]] || data=/work/shared/datasets/tweeteval-stance
work=${WORK:-$(mktemp -d)}
[[ -n ${WORK:-} ]] || trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/FramingClassifier.Cli" -c Release --nologo -v quiet >/dev/null
framing=$root/src/FramingClassifier.Cli/bin/Release/net10.0/framing

cd "$work"
[[ -f ngram.fcm ]] || "$framing" train --data "$data/train.tsv" --label-columns label --l2 1e-4 --class-weights balanced --out ngram.fcm 2>/dev/null
[[ -f minilm.fcm ]] || "$framing" train --data "$data/train.tsv" --label-columns label --l2 1e-4 --class-weights balanced --embeddings minilm --out minilm.fcm 2>/dev/null
tail -n +2 "$data/test.tsv" | cut -f3 > once.txt
: > rows.txt
for ((i = 0; i < repeat; i++)); do cat once.txt >> rows.txt; done
rows=$(wc -l < rows.txt)

# One timed run: MODEL -> "seconds peak-kB"
timed() {
  /usr/bin/time -f '%e %M' -o time.txt "$framing" predict --model "$1" --input rows.txt --output-format labels --quiet > /dev/null
  cat time.txt
}
declare -A seconds memory
for ((r = 0; r < runs; r++)); do
  for tier in ngram minilm; do
    read -r s kb < <(timed $tier.fcm)
    seconds[$tier]+="$s "
    memory[$tier]+="$kb "
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "rows: $rows (TweetEval stance test, x$repeat), $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for tier in ngram minilm; do
  s=$(median <<< "${seconds[$tier]}"); kb=$(median <<< "${memory[$tier]}")
  printf '%-7s %8.1f rows/s  peak %5.0f MB  (seconds per run: %s)\n' "$tier" "$(echo "$rows / $s" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "${seconds[$tier]}"
done
sn=$(median <<< "${seconds[ngram]}"); sm=$(median <<< "${seconds[minilm]}")
mn=$(median <<< "${memory[ngram]}"); mm=$(median <<< "${memory[minilm]}")
printf 'minilm / ngram: %.1fx the time, %.1fx the peak memory\n' "$(echo "$sm / $sn" | bc -l)" "$(echo "$mm / $mn" | bc -l)"
head -n "$bench" once.txt > bench.txt
rate() { "$framing" bench --model "$1" --input bench.txt --threads -1 --seconds 2 | grep -o '"median_rows_per_second":[0-9.]*' | cut -d: -f2; }
rn=$(rate ngram.fcm); rm=$(rate minilm.fcm)
printf 'in-process, %s rows, all cores: ngram %.0f rows/s, minilm %.1f rows/s: %.0fx\n' "$bench" "$rn" "$rm" "$(echo "$rn / $rm" | bc -l)"
