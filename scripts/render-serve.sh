#!/usr/bin/env bash
# Starts `framing serve` on a free loopback port, renders its page in headless Chromium with the
# built-in sample article (?sample&focus=0: label it, then explain sentence 0's framing label),
# checks the DOM after the page's JS ran for the sentences, the marks, the summary bar and the
# highlighted words, and saves two screenshots: a 1200 px window, and a 320 px window at device
# scale 4 (what a 1280 px screen shows at 400% zoom).
# Usage: scripts/render-serve.sh [out-dir]   (default artifacts/serve). Installs Debian's chromium if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/serve}")
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
  apt-get update && apt-get install -y chromium
fi
framing=src/FramingClassifier.Cli/bin/Release/net10.0/framing.dll
[[ -f $framing ]] || dotnet build src/FramingClassifier.Cli -c Release -v q -nologo >/dev/null
source scripts/lib/start-serve.sh
page="$url/?sample&focus=0"

# Networking limited to this machine: every host name resolves to nothing but 127.0.0.1, and any
# other address goes to a closed proxy port (loopback bypasses proxies). The page's CSP allows
# connections to its own origin only.
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions --user-data-dir="$(mktemp -d -p "$work")" \
    --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" --proxy-server="http://127.0.0.1:9" \
    --hide-scrollbars --virtual-time-budget=20000 "$@" 2>>"$work/chromium.err"
}

chrome --dump-dom "$page" >"$out/serve-page.dom.html"
dom="$out/serve-page.dom.html"
count() { grep -o "$1" "$dom" | wc -l; }
sentences=$(count 'class="sentence"')
marks=$(count 'class="mark"')
highlighted=$(count 'class="tok hl')
legend=$(grep -o '<ul class="legend"' "$dom" | wc -l)
echo "DOM: state=$(grep -o 'data-state="[a-z]*"' "$dom" | head -1) sentences=$sentences marks=$marks highlighted-words=$highlighted summary-heads=$legend"
fail=0
grep -q 'data-state="done"' "$dom" || { echo "FAIL: the page did not finish (data-state is not done)" >&2; fail=1; }
(( sentences == 7 )) || { echo "FAIL: expected 7 sentences of the sample, found $sentences" >&2; fail=1; }
(( marks == 3 * sentences )) || { echo "FAIL: expected 3 marks per sentence, found $marks" >&2; fail=1; }
(( highlighted >= 1 )) || { echo "FAIL: no words highlighted by the explanation of sentence 0" >&2; fail=1; }
(( legend == 3 )) || { echo "FAIL: expected a summary for 3 heads, found $legend" >&2; fail=1; }
grep -q 'aria-pressed="true"' "$dom" || { echo "FAIL: no mark is shown as explained" >&2; fail=1; }
grep -o 'data-head="[a-z]*" data-label="[a-z]*"' "$dom" | head -3 | sed 's/^/  sentence 0: /'

chrome --window-size=1200,1700 --screenshot="$out/serve-page.png" "$page" >/dev/null
chrome --window-size=320,1400 --force-device-scale-factor=4 --screenshot="$out/serve-page-400.png" "$page" >/dev/null
for png in "$out/serve-page.png" "$out/serve-page-400.png"; do
  [[ -s $png ]] || { echo "FAIL: chromium wrote no $png" >&2; fail=1; }
done
(( fail == 0 )) || exit 1
echo "OK: wrote $out/serve-page.png, $out/serve-page-400.png and $dom"
