# Sourced by the serve scripts: starts `framing serve` on a free loopback port in the background and
# sets $server (its pid), $work (a temporary folder, removed on exit) and $url. $framing is the tool.
work=$(mktemp -d)
dotnet "$framing" serve --port 0 2>"$work/serve.err" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.err" || true)
  [[ -n $url ]] && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "$(basename "$0"): the server did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
