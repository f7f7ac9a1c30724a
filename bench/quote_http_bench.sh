#!/usr/bin/env bash
# Quotes over HTTP (issue 4): `psl serve` answering POST /api/v1/quotes with the report's
# example (employment_sustained_2y, five barriers, Hartlepool E06000001, 2025-01-06) against the
# bare cpp-httplib server (bench/hello_server.cc) answering GET /hello, measured one after the
# other with wrk in the same run. Goal: PSL's requests/s >= 0.5 x the bare server's.
# docs/benchmarks.md, section 5. Run by bench/run.sh, or alone after building the release preset:
#   bench/quote_http_bench.sh [PATH_TO_PSL [PATH_TO_HELLO_SERVER]]
# Environment: PSL_BENCH_SECONDS (wrk duration, default 10), PSL_BENCH_CONNECTIONS (default 64).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
psl="${1:-$root/build/release/src/psl/cli/psl}"
hello="${2:-$root/build/release/bench/hello_server}"
seconds="${PSL_BENCH_SECONDS:-10}"
connections="${PSL_BENCH_CONNECTIONS:-64}"
for binary in "$psl" "$hello"; do
  [[ -x "$binary" ]] || { echo "quote_http_bench: $binary is missing; build the release preset" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "quote_http_bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/psl-quote-http.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_until_up() {  # URL
  for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "quote_http_bench: nothing answers at $1" >&2
  return 1
}
# "requests_per_second p99_ms non_2xx_count" from wrk --latency output.
wrk_figures() {
  python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s*([0-9.]+)", text).group(1))
value, unit = re.search(r"^\s*99%\s+([0-9.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
bad = re.search(r"Non-2xx or 3xx responses:\s*([0-9]+)", text)
print(f"{rps:.0f} {p99:.2f} {int(bad.group(1)) if bad else 0}")
'
}

body='{"outcome":"employment_sustained_2y","barriers":["illiterate","english_second_language","childhood_abuse","no_fixed_abode","dyslexic"],"area":"E06000001","date":"2025-01-06"}'
cat >"$work/post_quote.lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
EOF

echo "== Quotes over HTTP: POST /api/v1/quotes (psl serve, SQLite) vs GET /hello (bare cpp-httplib) =="
db="sqlite:$work/psl.db"
"$psl" demo --db "$db" >/dev/null  # the users, and the districts the quote reads
psl_port="$(free_port)"
hello_port="$(free_port)"
while [[ "$hello_port" == "$psl_port" ]]; do hello_port="$(free_port)"; done
"$psl" serve --db "$db" --listen "127.0.0.1:$psl_port" --web-root "$work/no-web" --log - \
  >"$work/psl.out" 2>&1 &
pids+=($!)
"$hello" "$hello_port" >"$work/hello.out" 2>&1 &
pids+=($!)
quote_url="http://127.0.0.1:$psl_port/api/v1/quotes"
hello_url="http://127.0.0.1:$hello_port/hello"
wait_until_up "http://127.0.0.1:$psl_port/api/v1/openapi.json"
wait_until_up "$hello_url"

answer="$(curl -sf -X POST -H 'Content-Type: application/json' -d "$body" "$quote_url")" ||
  { echo "quote_http_bench: POST /api/v1/quotes failed" >&2; exit 1; }
python3 -c 'import json, sys; q = json.loads(sys.argv[1]); print("one quote:", q["price"] if "price" in q else q)' \
  "$answer" 2>/dev/null || echo "one quote: $answer"

echo "warming up (3 s each)..."
wrk -t2 -c"$connections" -d3s -s "$work/post_quote.lua" "$quote_url" >/dev/null
wrk -t2 -c"$connections" -d3s "$hello_url" >/dev/null

echo "measuring: wrk -t2 -c$connections -d${seconds}s --latency (psl first, then hello)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post_quote.lua" "$quote_url" \
  >"$work/wrk-psl.txt"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$hello_url" >"$work/wrk-hello.txt"
echo "--- psl POST /api/v1/quotes ---"
cat "$work/wrk-psl.txt"
echo "--- hello_server GET /hello ---"
cat "$work/wrk-hello.txt"

read -r psl_rps psl_p99 psl_bad <<<"$(wrk_figures <"$work/wrk-psl.txt")"
read -r hello_rps hello_p99 hello_bad <<<"$(wrk_figures <"$work/wrk-hello.txt")"
if [[ "$psl_bad" != 0 || "$hello_bad" != 0 ]]; then
  echo "quote_http_bench: some responses were not 2xx (psl $psl_bad, hello $hello_bad)" >&2
  exit 1
fi
echo
python3 - "$psl_rps" "$psl_p99" "$hello_rps" "$hello_p99" <<'EOF'
import sys
psl_rps, psl_p99, hello_rps, hello_p99 = map(float, sys.argv[1:])
ratio = psl_rps / hello_rps
print(f"psl   POST /api/v1/quotes : {psl_rps:10.0f} requests/s, p99 {psl_p99:8.2f} ms")
print(f"hello GET /hello          : {hello_rps:10.0f} requests/s, p99 {hello_p99:8.2f} ms")
print(f"ratio psl / hello         : {ratio:10.2f} (goal >= 0.5: {'met' if ratio >= 0.5 else 'MISSED'})")
EOF
