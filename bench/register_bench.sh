#!/usr/bin/env bash
# The public register under load (issue 3): GET /api/v1/register over 100,000 licences, on
# SQLite and on PostgreSQL, measured with wrk (requests/s and p99). Run by bench/run.sh, or alone
# after building the release preset: bench/register_bench.sh [PATH_TO_PSL]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
inner_postgres=no
if [[ "${1:-}" == "--postgres" ]]; then  # re-invoked inside scripts/with_postgres.sh
  inner_postgres=yes
  shift
fi
psl="${1:-$root/build/release/src/psl/cli/psl}"
seconds="${PSL_BENCH_SECONDS:-10}"
work="$(mktemp -d "${TMPDIR:-/tmp}/psl-register.XXXXXX")"
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

figures() {  # "requests/s p99_ms" from wrk --latency output
  python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s*([0-9.]+)", text).group(1))
value, unit = re.search(r"^\s*99%\s+([0-9.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
bad = re.search(r"Non-2xx or 3xx responses:\s*([0-9]+)", text)
print(f"{rps:10.0f} requests/s   p99 {p99:8.2f} ms" + (f"   NON-2XX {bad.group(1)}" if bad else ""))
'
}

# measure ENGINE DB_URL: serve DB_URL and load three typical searches.
measure() {
  local engine="$1" db="$2" port
  port="$(free_port)"
  "$psl" serve --db "$db" --listen "127.0.0.1:$port" --web-root "$work/none" --log - \
    >"$work/serve.out" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
  local count
  count=$(curl -s "http://127.0.0.1:$port/api/v1/register?limit=500" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  [[ "$count" == 500 ]] || { echo "register_bench: the register did not answer" >&2; exit 1; }
  for query in "limit=50" "status=granted&sector=employment&area=E08000003&limit=50" \
               "name=riverside%2099&limit=50"; do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/register?$query"  # warm
    printf '%-10s %-58s ' "$engine" "$query"
    wrk -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:$port/api/v1/register?$query" | figures
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

if [[ "$inner_postgres" == yes ]]; then
  "$psl" migrate --db "$PSL_TEST_POSTGRES_URL" >/dev/null
  psql -q -v ON_ERROR_STOP=1 "$PSL_TEST_POSTGRES_URL" -f "$root/bench/register_seed.sql" >/dev/null
  psql -q "$PSL_TEST_POSTGRES_URL" -c "ANALYZE" >/dev/null
  measure PostgreSQL "$PSL_TEST_POSTGRES_URL"
  exit 0
fi

echo "== Public register: GET /api/v1/register over 100,000 licences (wrk -t2 -c16 -d${seconds}s) =="
"$psl" migrate --db "sqlite:$work/register.db" >/dev/null
sqlite3 -bail "$work/register.db" < "$root/bench/register_seed.sql"
measure SQLite "sqlite:$work/register.db"
if [[ "${PSL_BENCH_SKIP_POSTGRES:-0}" != 1 ]]; then
  "$root/scripts/with_postgres.sh" "$0" --postgres "$psl"
fi
