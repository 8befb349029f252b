#!/usr/bin/env bash
# Renders a `framing profile --format html` report in headless Chromium and saves a PNG screenshot,
# to check that the charts draw without a network. Usage: scripts/render-profile.sh report.html out.png [width] [height]
# Needs chromium (Debian: apt-get install -y chromium).
set -euo pipefail
html=${1:?usage: render-profile.sh report.html out.png [width] [height]}
png=${2:?usage: render-profile.sh report.html out.png [width] [height]}
width=${3:-1200}
height=${4:-2400}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[[ -n $browser ]] || { echo "render-profile.sh: no chromium found; install it with: apt-get install -y chromium" >&2; exit 1; }
[[ -f $html ]] || { echo "render-profile.sh: $html: file not found" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Every network feature off: the report must render from the file alone.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-extensions --user-data-dir="$profile" \
  --hide-scrollbars --window-size="$width,$height" --screenshot="$(realpath -m "$png")" "file://$(realpath "$html")" >/dev/null 2>&1
[[ -s $png ]] || { echo "render-profile.sh: chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $png"
