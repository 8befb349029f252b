#!/usr/bin/env bash
# Trains the default model from data/corpus exactly as models/default.rsp says (five conflicts held
# out and reported), into a scratch folder, then scores examples/sentences.txt with it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build -c Release -v q --nologo src/FramingClassifier.Cli >/dev/null
framing() { dotnet src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll "$@"; }
sed -e "s|^--out .*|--out $out/default.fcm|" -e "s|^--json .*|--json $out/eval.json|" models/default.rsp > "$out/train.rsp"
framing "@$out/train.rsp"
if cmp -s "$out/default.fcm" models/default.fcm; then
  echo "the model is byte-identical to the embedded models/default.fcm"
else
  echo "warning: the model differs from models/default.fcm" >&2
fi
framing predict --model "$out/default.fcm" --input examples/sentences.txt
