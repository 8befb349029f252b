#!/usr/bin/env bash
# Whole-process scoring against `fasttext predict`, all in one script so the figures are ratios taken
# under the same load. Trains a 20-label model and a fastText model (-wordNgrams 2) on the TweetEval
# emoji training tweets, then scores the 50,000 test tweets repeated 4 times (200,000 rows):
#   fasttext predict, framing predict --output-format labels, framing predict (JSONL, all probabilities),
# alternated, RUNS times each, and reports the median rows/s and peak RSS (/usr/bin/time -v) of each,
# with the in-process batch rate on both cores (framing bench) for the JSONL ratio.
# Then peak memory at two input sizes (the tweets repeated to SMALL_MB and LARGE_MB, default 100 and 1000;
# fasttext at the small size only).
# Output goes to /dev/null through a pipe, not to disk.
# Usage: scripts/predict-throughput.sh [runs]   env: SMALL_MB, LARGE_MB (0 skips the sizes),
#   BASE=<dir holding another build's framing> also times that build and checks both write the same bytes,
#   WORK=<dir> keeps the models and inputs between runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
small=${SMALL_MB:-100}
large=${LARGE_MB:-1000}
data=${DATA:-$root/../shared/datasets/tweeteval-emoji}
[[ -d $data ]] || data=/work/shared/datasets/tweeteval-emoji
work=${WORK:-$(mktemp -d)}
[[ -n ${WORK:-} ]] || trap 'rm -rf "$work"' EXIT
command -v fasttext >/dev/null || { apt-get install -y fasttext >/dev/null || sudo apt-get install -y fasttext >/dev/null; }
dotnet build "$root/src/FramingClassifier.Cli" -c Release --nologo -v quiet >/dev/null
framing=$root/src/FramingClassifier.Cli/bin/Release/net10.0/framing

cd "$work"
[[ -f emoji.fcm ]] || "$framing" train --data "$data/train.tsv" --text-column text --label-columns label --l2 1e-5 --class-weights balanced --out emoji.fcm >/dev/null
if [[ ! -f ft.bin ]]; then
  tail -n +2 "$data/train.tsv" | awk -F'\t' '{ print "__label__" $1 " " $2 }' > ft-train.txt
  fasttext supervised -input ft-train.txt -output ft -wordNgrams 2 -thread 2 >/dev/null 2>&1
fi
tail -n +2 "$data/test.tsv" | cut -f2 > test.txt
for i in 1 2 3 4; do cat test.txt; done > in.txt
rows=$(wc -l < in.txt)

# run NAME CMD...: one timed run, output counted; appends "name seconds peak-kB" to times.
run() {
  local name=$1; shift
  # shellcheck disable=SC2046 # the command's words split on purpose (no path here holds a space)
  /usr/bin/time -v -o time.txt $("$@") < /dev/null | wc -l > count.txt
  local s kb cpu
  s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); v = 0; for (i = 1; i <= n; i++) v = v * 60 + t[i]; print v }' time.txt)
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' time.txt)
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { v += $2 } END { print v }' time.txt)
  echo "$name $s $kb $(cat count.txt) $cpu" >> times.txt
}
# The commands, as words for /usr/bin/time: ft INPUT, labels INPUT [TOOL], jsonl INPUT [TOOL].
ft()     { echo fasttext predict ft.bin "$1"; }
labels() { echo "${2:-$framing}" predict --model emoji.fcm --input "$1" --format text --output-format labels --quiet; }
jsonl()  { echo "${2:-$framing}" predict --model emoji.fcm --input "$1" --format text --quiet; }

if [[ -n ${BASE:-} ]]; then
  for f in labels jsonl; do
    cmp <($($f in.txt)) <($($f in.txt "$BASE/framing")) || { echo "predict-throughput: $f output differs from $BASE" >&2; exit 1; }
  done
  echo "labels and JSONL output: the same bytes as $BASE"
fi

: > times.txt
$(ft in.txt) >/dev/null; $(labels in.txt) >/dev/null # warm the page cache and the disk
for ((r = 0; r < runs; r++)); do
  run "fasttext-predict" ft in.txt
  run "framing-labels" labels in.txt
  run "framing-jsonl" jsonl in.txt
  [[ -z ${BASE:-} ]] || { run "base-labels" labels in.txt "$BASE/framing"; run "base-jsonl" jsonl in.txt "$BASE/framing"; }
done
bench=$("$framing" bench --model emoji.fcm --input test.txt --format text --threads -1 --seconds 5 | sed 's/.*"median_rows_per_second":\([0-9.]*\).*/\1/')
# The same 200,000 scorings in process (a warm-up and 3 passes of the 50,000 tweets), for CPU time:
# under other engineers' load, CPU seconds per row are steadier than wall time.
/usr/bin/time -f '%U %S' -o time.txt "$framing" bench --model emoji.fcm --input test.txt --format text --threads -1 --seconds 0 >/dev/null
bench_cpu=$(awk '{ print $1 + $2 }' time.txt)

echo "200,000 rows (emoji test tweets x4), median of $runs alternated runs; in-process batch rate (framing bench, both cores): $bench rows/s,"
echo "the same 200,000 scorings in process (model load included): $bench_cpu CPU s"
awk -v rows="$rows" -v bench="$bench" -v bench_cpu="$bench_cpu" '
  { if ($4 != rows) { printf "%s wrote %d lines, expected %d\n", $1, $4, rows; bad = 1 }
    n[$1]++; s[$1, n[$1]] = $2; k[$1, n[$1]] = $3; c[$1, n[$1]] = $5; if (!($1 in seen)) { seen[$1] = 1; order[++m] = $1 } }
  function median(a, name, c,   i, j, t, v) { for (i = 1; i <= c; i++) v[i] = a[name, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2 }
  END {
    ft = rows / median(s, "fasttext-predict", n["fasttext-predict"])
    ftc = median(c, "fasttext-predict", n["fasttext-predict"])
    printf "%-18s %9s %10s %13s %8s %13s %12s\n", "", "seconds", "rows/s", "vs fasttext", "CPU s", "CPU vs ft", "peak RSS MB"
    for (i = 1; i <= m; i++) { name = order[i]; t = median(s, name, n[name]); rate = rows / t; cpu = median(c, name, n[name])
      printf "%-18s %9.2f %10.0f %12.2fx %8.2f %12.2fx %12.1f", name, t, rate, rate / ft, cpu, ftc / cpu, median(k, name, n[name]) / 1024
      if (name ~ /jsonl/) printf "   %.0f%% of in-process (wall), %.0f%% (CPU)", 100 * rate / bench, 100 * bench_cpu / cpu
      printf "\n" }
    exit bad }' times.txt

[[ $small -gt 0 && $large -gt 0 ]] || exit 0
echo "peak memory as the input grows (the test tweets repeated; one run each)"
for mb in "$small" "$large"; do
  awk -v limit=$((mb * 1000000)) '{ pool[NR] = $0 } END { for (i = 0; size < limit; i++) { line = pool[i % NR + 1]; print line; size += length(line) + 1 } }' \
    test.txt > big.txt
  n=$(wc -l < big.txt)
  : > times.txt
  # fastText's peak is its model, whatever the input; at the large size it would only add minutes.
  [[ $mb -ne $small ]] || run "fasttext-predict" ft big.txt
  run "framing-labels" labels big.txt
  run "framing-jsonl" jsonl big.txt
  awk -v mb="$mb" -v rows="$n" '{ printf "%5d MB %9d rows  %-17s %7.1f s %9.0f rows/s  peak RSS %7.1f MB%s\n", mb, rows, $1, $2, rows / $2, $3 / 1024, $4 == rows ? "" : "  WRONG LINE COUNT" }' times.txt
done
rm -f big.txt
