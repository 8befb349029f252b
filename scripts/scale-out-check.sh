#!/usr/bin/env bash
# CI: scripts/scale-out-dask.py on a LocalCluster with 2 workers over 10 TSV partitions and the same
# rows as 10 Parquet partitions, checked row for row against one `framing predict` over the whole
# file; then a rerun skips every partition, and a task that fails once is retried.
# Installs Debian's python3-distributed if it is missing. Prints the Dask run's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! $PY -c 'import distributed' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-distributed >/dev/null
fi
dotnet build src/FramingClassifier.Cli -c Release -v quiet -nologo >/dev/null
FRAMING="dotnet $PWD/src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 10 partitions of the corpus sentences, four times over, each row with an id.
{ printf 'id\ttext\n'; for i in 1 2 3 4; do tail -q -n +2 data/corpus/*.tsv | cut -f1; done | awk -F'\t' 'NF && $1 != "" { printf "%d\t%s\n", NR, $1 }'; } > "$work/all.tsv"
mkdir -p "$work/tsv" "$work/parquet"
rows=$(($(wc -l < "$work/all.tsv") - 1))
per=$(((rows + 9) / 10))
tail -n +2 "$work/all.tsv" | split -d -a 2 -l "$per" - "$work/tsv/part-"
for f in "$work"/tsv/part-*; do { printf 'id\ttext\n'; cat "$f"; } > "$f.tsv"; rm "$f"; done
for f in "$work"/tsv/part-*.tsv; do
  $FRAMING predict --input "$f" --id-column id --keep-columns text --probabilities none --quiet \
    --output "$work/parquet/$(basename "${f%.tsv}").parquet"
done
echo "scale-out check: $rows rows in $(ls "$work/tsv" | wc -l) partitions"

$FRAMING predict --input "$work/all.tsv" --id-column id --threads 1 --quiet --output "$work/single.jsonl"

echo "-- TSV partitions"
$PY scripts/scale-out-dask.py --input "$work/tsv" --output "$work/out-tsv" --framing "$FRAMING" --workers 2 \
  --output-format jsonl -- --id-column id
cat "$work"/out-tsv/part-*.jsonl | cmp - "$work/single.jsonl"
echo "TSV: row for row equal to a single framing predict"

echo "-- Parquet partitions"
$PY scripts/scale-out-dask.py --input "$work/parquet" --output "$work/out-parquet" --framing "$FRAMING" --workers 2 \
  --output-format jsonl -- --id-column doc
cat "$work"/out-parquet/part-*.jsonl | cmp - "$work/single.jsonl"
echo "Parquet: row for row equal to a single framing predict"

echo "-- rerun: every partition has output"
$PY scripts/scale-out-dask.py --input "$work/tsv" --output "$work/out-tsv" --framing "$FRAMING" --output-format jsonl -- --id-column id \
  | tee "$work/rerun.log"
grep -q "0 scored, 10 skipped" "$work/rerun.log"

echo "-- a task that fails once is retried"
rm "$work/out-tsv/part-03.jsonl"
$PY scripts/scale-out-dask.py --input "$work/tsv" --output "$work/out-tsv" --framing "$FRAMING" --output-format jsonl \
  --fail-first-attempt part-03.tsv -- --id-column id | tee "$work/retry.log"
grep -q "1 scored, 9 skipped (output exists), 0 failed" "$work/retry.log"
test -e "$work/out-tsv/.failed-once"
cat "$work"/out-tsv/part-*.jsonl | cmp - "$work/single.jsonl"
echo "scale-out check passed"
