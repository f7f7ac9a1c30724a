#!/usr/bin/env bash
# make bench: PSL's two benchmarks on the release build (docs/benchmarks.md).
#  1. API overhead: `psl serve` answering GET /api/v1/me (bearer session) against a bare
#     cpp-httplib server answering GET /hello with the same thread pool; goal: PSL's
#     requests/s >= 0.5 x the bare server's.
#  2. Ledger: 1,000,000 postings through LedgerTable::Post against raw INSERT ... SELECT of the
#     same rows; goal: Post time <= 3 x raw time.
# Environment: PSL_BENCH_SECONDS (wrk duration, default 10), PSL_BENCH_CONNECTIONS (wrk
# connections, default 64), PSL_BENCH_POSTINGS (default
# 1000000), PSL_BENCH_SKIP_HTTP=1 / PSL_BENCH_SKIP_LEDGER=1 to run only one of them,
# PSL_BENCH_PSL=PATH to measure another psl binary. Both servers run with Nagle's algorithm off.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build/release"
psl="${PSL_BENCH_PSL:-$build/src/psl/cli/psl}"
hello="$build/bench/hello_server"
ledger_bench="$build/bench/ledger_bench"
seconds="${PSL_BENCH_SECONDS:-10}"
connections="${PSL_BENCH_CONNECTIONS:-64}"
postings="${PSL_BENCH_POSTINGS:-1000000}"

for binary in "$psl" "$hello" "$ledger_bench"; do
  if [[ ! -x "$binary" ]]; then
    echo "run.sh: $binary is missing; build the release preset first (make build-release)" >&2
    exit 1
  fi
done
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/psl-bench.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "PSL benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
  "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
echo

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_until_up() {  # URL
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: nothing answers at $1" >&2
  return 1
}

# Prints "requests_per_second p99_ms non_2xx_count socket_errors(0/1)" from wrk --latency output.
wrk_figures() {
  python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s*([0-9.]+)", text).group(1))
value, unit = re.search(r"^\s*99%\s+([0-9.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
bad = re.search(r"Non-2xx or 3xx responses:\s*([0-9]+)", text)
errors = re.search(r"Socket errors:.*", text)
print(f"{rps:.0f} {p99:.2f} {int(bad.group(1)) if bad else 0} {1 if errors else 0}")
'
}

if [[ "${PSL_BENCH_SKIP_HTTP:-0}" != 1 ]]; then
  echo "== API overhead: GET /api/v1/me (psl serve, SQLite) vs GET /hello (bare cpp-httplib) =="
  db="sqlite:$work/psl.db"
  "$psl" demo --db "$db" --users-only >/dev/null
  psl_port="$(free_port)"
  hello_port="$(free_port)"
  while [[ "$hello_port" == "$psl_port" ]]; do hello_port="$(free_port)"; done
  "$psl" serve --db "$db" --listen "127.0.0.1:$psl_port" --web-root "$work/no-web" --log - \
    >"$work/psl.out" 2>&1 &
  pids+=($!)
  "$hello" "$hello_port" >"$work/hello.out" 2>&1 &
  pids+=($!)
  wait_until_up "http://127.0.0.1:$psl_port/api/v1/openapi.json"
  wait_until_up "http://127.0.0.1:$hello_port/hello"

  token="$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d '{"username":"regulator","password":"psl-demo-regulator"}' \
    "http://127.0.0.1:$psl_port/api/v1/sessions" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
  me_url="http://127.0.0.1:$psl_port/api/v1/me"
  hello_url="http://127.0.0.1:$hello_port/hello"
  curl -sf -H "Authorization: Bearer $token" "$me_url" >/dev/null ||
    { echo "run.sh: GET /api/v1/me with the regulator's token failed" >&2; exit 1; }

  echo "warming up (3 s each)..."
  wrk -t2 -c"$connections" -d3s -H "Authorization: Bearer $token" "$me_url" >/dev/null
  wrk -t2 -c"$connections" -d3s "$hello_url" >/dev/null

  echo "measuring: wrk -t2 -c$connections -d${seconds}s --latency (psl first, then hello)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$me_url" \
    >"$work/wrk-psl.txt"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$hello_url" >"$work/wrk-hello.txt"
  echo "--- psl GET /api/v1/me ---"
  cat "$work/wrk-psl.txt"
  echo "--- hello_server GET /hello ---"
  cat "$work/wrk-hello.txt"

  read -r psl_rps psl_p99 psl_bad psl_socket <<<"$(wrk_figures <"$work/wrk-psl.txt")"
  read -r hello_rps hello_p99 hello_bad hello_socket <<<"$(wrk_figures <"$work/wrk-hello.txt")"
  if [[ "$psl_bad" != 0 || "$hello_bad" != 0 ]]; then
    echo "run.sh: some responses were not 2xx (psl $psl_bad, hello $hello_bad)" >&2
    exit 1
  fi
  if [[ "$psl_socket" != 0 || "$hello_socket" != 0 ]]; then
    echo "run.sh: note: wrk reported socket errors (see above)"
  fi
  echo
  python3 - "$psl_rps" "$psl_p99" "$hello_rps" "$hello_p99" <<'EOF'
import sys
psl_rps, psl_p99, hello_rps, hello_p99 = map(float, sys.argv[1:])
ratio = psl_rps / hello_rps
print(f"psl   GET /api/v1/me : {psl_rps:10.0f} requests/s, p99 {psl_p99:8.2f} ms")
print(f"hello GET /hello     : {hello_rps:10.0f} requests/s, p99 {hello_p99:8.2f} ms")
print(f"ratio psl / hello    : {ratio:10.2f} (goal >= 0.5: {'met' if ratio >= 0.5 else 'MISSED'})")
EOF
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  echo
fi

if [[ "${PSL_BENCH_SKIP_LEDGER:-0}" != 1 ]]; then
  echo "== Ledger: LedgerTable::Post vs raw INSERT ... SELECT =="
  TMPDIR="$work" "$ledger_bench" "$postings"
fi

if [[ "${PSL_BENCH_SKIP_REGISTER:-0}" != 1 ]]; then
  echo
  "$root/bench/register_bench.sh" "$psl"
fi

# Tariff quotes (docs/benchmarks.md, "Tariff quotes"): PriceOutcome in process on one core, the
# default tariff and the report's five barriers; goal: >= 1,000,000 quotes per second.
if [[ "${PSL_BENCH_SKIP_QUOTE:-0}" != 1 ]]; then
  echo
  echo "== Tariff quotes: PriceOutcome in process, one core =="
  quote_bench="$build/bench/quote_bench"
  [[ -x "$quote_bench" ]] || { echo "run.sh: $quote_bench is missing; build the release preset" >&2; exit 1; }
  "$quote_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$work/quote.json" --benchmark_out_format=json
  python3 - "$work/quote.json" <<'PYEOF'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
median = next(r for r in runs if r["name"] == "BM_PriceOutcome_median")
rate = median["quotes_per_second"]
print(f"quotes per second (median of 5, CPU time): {rate:,.0f} "
      f"(goal >= 1,000,000: {'met' if rate >= 1e6 else 'MISSED'})")
PYEOF
fi

# Quotes over HTTP (docs/benchmarks.md, "Quotes over HTTP"): POST /api/v1/quotes with the report's
# example against the bare GET /hello, same run; goal: PSL >= 0.5 x bare requests/s.
if [[ "${PSL_BENCH_SKIP_QUOTE_HTTP:-0}" != 1 ]]; then
  echo
  "$root/bench/quote_http_bench.sh" "$psl" "$hello"
fi

# The citizen journey (docs/benchmarks.md, "Citizen journey"): refer, assess, choose and register
# PSL_BENCH_CITIZENS generated citizens (default 100000) through psl::app::Journey on
# PSL_BENCH_JOURNEY_THREADS threads (default 4), on SQLite and on a throwaway PostgreSQL
# (PSL_BENCH_SKIP_POSTGRES=1 leaves PostgreSQL out). Recorded: citizens per second.
if [[ "${PSL_BENCH_SKIP_JOURNEY:-0}" != 1 ]]; then
  journey_bench="$build/bench/journey_bench"
  [[ -x "$journey_bench" ]] || { echo "run.sh: $journey_bench is missing; build the release preset" >&2; exit 1; }
  citizens="${PSL_BENCH_CITIZENS:-100000}"
  journey_threads="${PSL_BENCH_JOURNEY_THREADS:-4}"
  echo
  echo "== Citizen journey: $citizens citizens, $journey_threads threads, SQLite =="
  "$journey_bench" --db "sqlite:$work/journey.db" --citizens "$citizens" --threads "$journey_threads"
  if [[ "${PSL_BENCH_SKIP_POSTGRES:-0}" != 1 ]]; then
    echo
    echo "== Citizen journey: $citizens citizens, $journey_threads threads, PostgreSQL =="
    "$root/scripts/with_postgres.sh" bash -c \
      'exec "$1" --db "$PSL_TEST_POSTGRES_URL" --citizens "$2" --threads "$3"' \
      _ "$journey_bench" "$citizens" "$journey_threads"
  fi
fi

# Payment runs (docs/benchmarks.md, "Payment runs"): PSL_BENCH_DUE_LINES due lines (default
# 1000000) over 2,000 providers, prepared and released by two regulators, against a raw
# INSERT ... SELECT of as many ledger rows in the same run; then the idempotent re-run. Goals
# on SQLite: run <= 3 x raw, re-run <= 0.1 x run. PostgreSQL is recorded.
if [[ "${PSL_BENCH_SKIP_PAYMENTS:-0}" != 1 ]]; then
  payment_bench="$build/bench/payment_bench"
  [[ -x "$payment_bench" ]] || { echo "run.sh: $payment_bench is missing; build the release preset" >&2; exit 1; }
  lines="${PSL_BENCH_DUE_LINES:-1000000}"
  echo
  echo "== Payment run: $lines due lines, SQLite =="
  "$payment_bench" --db "sqlite:$work/payments.db" --lines "$lines"
  if [[ "${PSL_BENCH_SKIP_POSTGRES:-0}" != 1 ]]; then
    echo
    echo "== Payment run: $lines due lines, PostgreSQL =="
    "$root/scripts/with_postgres.sh" bash -c 'exec "$1" --db "$PSL_TEST_POSTGRES_URL" --lines "$2"' \
      _ "$payment_bench" "$lines"
  fi
fi
