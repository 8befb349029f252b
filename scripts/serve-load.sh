#!/usr/bin/env bash
# Load on `framing serve` over loopback: starts the server (default model) on a free port of
# 127.0.0.1 and runs the closed-loop client of benchmarks/FramingClassifier.LoadTest on POST
# /v1/predict with batches of 1, 32 and 1,000 corpus sentences, 1 and 4 connections, 10 s each
# (at most 50,000 requests) after 2 s of warm-up. Prints a markdown table (docs/serve.md).
# Usage: scripts/serve-load.sh [extra client options, e.g. --seconds 5]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/FramingClassifier.Cli -c Release -v q -nologo >/dev/null
dotnet build benchmarks/FramingClassifier.LoadTest -c Release -v q -nologo >/dev/null
framing=src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll
source scripts/lib/start-serve.sh
echo "load average $(cut -d" " -f1-3 /proc/loadavg), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')" >&2
dotnet benchmarks/FramingClassifier.LoadTest/bin/Release/net10.0/FramingClassifier.LoadTest.dll "$url" data/corpus "$@"
echo "load average $(cut -d" " -f1-3 /proc/loadavg) at the end; server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')" >&2
