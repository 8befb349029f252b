#!/usr/bin/env bash
# The retrain-evaluate-ship loop on a small example: the default model never saw five conflicts
# (models/default.rsp holds them out). Here a user labels half of those conflicts' sentences with
# their own column names, retrains — from scratch, and continuing from the default model — and
# evaluates all three models on the other half, which no model trained on.
# Usage: scripts/retrain-example.sh [work-dir]   (needs models/default.fcm)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[[ -f models/default.fcm ]] || { echo "retrain-example: models/default.fcm not found" >&2; exit 1; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"
dotnet build src/FramingClassifier.Cli -c Release --nologo -v quiet >/dev/null
framing=src/FramingClassifier.Cli/bin/Release/net10.0/framing

# 1. The user's data: sentences of the held-out conflicts, alternately to train.tsv and test.tsv, under
#    the user's own text column name. (A real user would label their own sentences.)
awk -F'\t' -v OFS='\t' -v train="$work/train.tsv" -v test="$work/test.tsv" '
  BEGIN { print "sentence", "framing", "voice", "stance" > train; print "sentence", "framing", "voice", "stance" > test }
  FNR == 1 { next }
  $5 ~ /^(somalia|syria|kashmir|colombia|donbas)$/ { print $1, $2, $3, $4 > ((n[$5]++ % 2 == 0) ? train : test) }
' data/corpus/*.tsv
echo "user data: $(($(wc -l < "$work/train.tsv") - 1)) training rows, $(($(wc -l < "$work/test.tsv") - 1)) test rows"

# 2. Train: from scratch on the user's rows only, and continuing from the default model.
"$framing" train --data "$work/train.tsv" --text-column sentence --out "$work/scratch.fcm" 2>/dev/null
"$framing" train --data "$work/train.tsv" --text-column sentence --base-model models/default.fcm --out "$work/continued.fcm" 2>/dev/null

# 3. Evaluate every model on the user's test rows.
for model in models/default.fcm "$work/scratch.fcm" "$work/continued.fcm"; do
  name=$(basename "$model" .fcm)
  "$framing" evaluate --model "$model" --data "$work/test.tsv" --text-column sentence --json "$work/$name.json" > "$work/$name.txt"
  printf '%-10s' "$name"; grep '^== ' "$work/$name.txt" | sed -E 's/^== ([a-z]+): accuracy ([0-9.]+)  macro-F1 ([0-9.]+).*/  \1 macro-F1 \3/' | tr -d '\n'; echo
done
# 4. Ship: the better model is a file; load it with FramingModel.Load or framing --model.
echo "models in $work"
