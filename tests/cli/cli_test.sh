#!/usr/bin/env bash
# The psl command line: --help everywhere, clear errors with a non-zero exit for bad input,
# `psl user add` for the first regulator, migrations, and a graceful stop of `psl serve` on
# SIGTERM and SIGINT. Usage: cli_test.sh PATH_TO_PSL
set -uo pipefail
psl="$1"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
passes=0
pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_exit() {  # expect_exit CODE DESCRIPTION -- COMMAND...
  local expected="$1" description="$2"; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local actual=$?
  if [ "$expected" = "nonzero" ]; then
    [ "$actual" -ne 0 ] && pass || fail "$description: expected a non-zero exit, got 0"
  else
    [ "$actual" -eq "$expected" ] && pass || { fail "$description: exit $actual, expected $expected"; cat "$work/err"; }
  fi
}
expect_text() {  # expect_text FILE TEXT DESCRIPTION
  grep -q -- "$2" "$1" && pass || { fail "$3: '$2' not in output"; cat "$1"; }
}

db="sqlite:$work/psl.db"

# --help for the tool and every command.
for command in "" serve migrate demo "user" "user add" openapi quote jobs "jobs choice-deadlines" \
  split pay "pay prepare" "pay release" "pay statement" claims "claims import-feed" "jobs surveys"; do
  # shellcheck disable=SC2086
  expect_exit 0 "psl $command --help" -- "$psl" $command --help
  expect_text "$work/out" "Usage" "psl $command --help"
done

# Bad input: a clear message and a non-zero exit, nothing created.
expect_exit nonzero "unknown command" -- "$psl" frobnicate
expect_exit nonzero "bad database URL" -- "$psl" migrate --db mysql://x
expect_text "$work/err" "sqlite:PATH or postgresql://" "bad database URL message"
expect_exit nonzero "bad listen address" -- "$psl" serve --db "$db" --listen nowhere
expect_text "$work/err" "HOST:PORT" "bad listen message"

# Migrations.
expect_exit 0 "migrate" -- "$psl" migrate --db "$db"
expect_text "$work/out" "schema is at version" "migrate output"

# The first regulator, from a password file; then refusals.
printf 'correct-horse-battery\n' > "$work/password"
expect_exit 0 "user add" -- "$psl" user add --db "$db" --username alice --role regulator \
  --password-file "$work/password"
expect_text "$work/out" "created user alice" "user add output"
expect_exit nonzero "user add duplicate" -- "$psl" user add --db "$db" --username alice \
  --role regulator --password-file "$work/password"
expect_text "$work/err" "taken" "duplicate username message"
expect_exit nonzero "user add bad role" -- "$psl" user add --db "$db" --username bob \
  --role king --password-file "$work/password"
expect_text "$work/err" "unknown role" "bad role message"
expect_exit nonzero "user add no password" -- env -u PSL_PASSWORD "$psl" user add --db "$db" \
  --username bob --role inspector
expect_text "$work/err" "password" "missing password message"
printf 'short\n' > "$work/short"
expect_exit nonzero "user add short password" -- "$psl" user add --db "$db" --username bob \
  --role inspector --password-file "$work/short"
expect_exit nonzero "provider without provider id" -- "$psl" user add --db "$db" \
  --username bob --role provider --password-file "$work/password"
expect_text "$work/err" "provider" "provider scope message"
PSL_PASSWORD=from-the-environment expect_exit 0 "user add from PSL_PASSWORD" -- "$psl" user add \
  --db "$db" --username carol --role inspector

# The demo seed is idempotent.
expect_exit 0 "demo" -- "$psl" demo --db "$db" --citizens 50
expect_text "$work/out" "created  regulator" "demo creates"
expect_exit 0 "demo again" -- "$psl" demo --db "$db" --citizens 50
expect_text "$work/out" "existing regulator" "demo is idempotent"

# The tariff calculator (TAR-1..3): the report's worked example, £11,000, priced in Hillingdon
# (the reference district, weight 1) in January 2014 (the long-run unemployment rate, weight 1);
# on the built-in tariff and data, and on the database's.
report_example=(--outcome employment_sustained_2y --barrier illiterate
  --barrier english_second_language --barrier childhood_abuse --barrier no_fixed_abode
  --barrier dyslexic --area E09000017 --date 2014-01-15)
expect_exit 0 "quote, built-in tariff" -- "$psl" quote "${report_example[@]}"
expect_json() {  # expect_json FILE PYTHON_CONDITION_ON_d DESCRIPTION
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" \
    && pass || { fail "$3: $2 does not hold"; cat "$1"; }
}
expect_json "$work/out" 'd["base_pence"] == 1100000 and d["price_pence"] == 1100000' "quote price"
expect_json "$work/out" 'd["geographic_weight"] == "1.000000" == d["cyclical_weight"]' "quote weights"
expect_json "$work/out" '[i["id"] for i in d["items"] if i["kind"] == "supplement"] == ["illiterate", "english_second_language", "childhood_abuse", "no_fixed_abode", "dyslexic"]' "quote itemised"
cp "$work/out" "$work/quote-built-in"
expect_exit 0 "quote, database tariff" -- "$psl" quote --db "$db" "${report_example[@]}"
cmp -s "$work/out" "$work/quote-built-in" && pass || fail "psl quote --db differs from the built-in quote"
expect_exit nonzero "quote unknown outcome" -- "$psl" quote --outcome world_peace --area E09000017 \
  --date 2014-01-15
expect_text "$work/err" "world_peace" "unknown outcome named"
expect_exit nonzero "quote unknown barrier" -- "$psl" quote --outcome employment_sustained_2y \
  --barrier left_handed --area E09000017 --date 2014-01-15
expect_text "$work/err" "left_handed" "unknown barrier named"
expect_exit nonzero "quote unknown area" -- "$psl" quote --outcome employment_sustained_2y \
  --area E99999999 --date 2014-01-15
expect_text "$work/err" "E99999999" "unknown area named"
expect_exit nonzero "quote bad date" -- "$psl" quote --outcome employment_sustained_2y \
  --area E09000017 --date 15/01/2014
expect_text "$work/err" "YYYY-MM-DD" "bad date explained"
expect_exit nonzero "quote has no discount" -- "$psl" quote "${report_example[@]}" --discount 100

# The scheduled choice-deadlines job (CHO-3, CHO-7) runs on demand for a given date.
expect_exit 0 "jobs choice-deadlines" -- "$psl" jobs choice-deadlines --db "$db" --date 2030-01-01
expect_text "$work/out" "registered with the default provider" "job report"
expect_exit nonzero "jobs bad date" -- "$psl" jobs choice-deadlines --db "$db" --date tomorrow

# The split (PAY-1..3): the report's £11,000 with a provider licensed seven months before the
# registration (sliding scale 60/30/10), on the built-in rules and on the database's.
expect_exit 0 "split, built-in rules" -- "$psl" split --price 11000.00 --licensed 2014-01-01 \
  --registered 2014-08-01
expect_json "$work/out" 'd == {"upfront_pence": 660000, "outcome_pence": 330000, "satisfaction_pence": 110000, "rule": "sliding_scale:6"}' "split sliding scale"
cp "$work/out" "$work/split-built-in"
expect_exit 0 "split, database rules" -- "$psl" split --db "$db" --price 11000.00 \
  --licensed 2014-01-01 --registered 2014-08-01
cmp -s "$work/out" "$work/split-built-in" && pass || fail "psl split --db differs from the built-in split"
expect_exit 0 "split, established provider" -- "$psl" split --price 11000.00 --licensed 2010-01-01 \
  --registered 2014-08-01 --outcome employment_sustained_2y
expect_json "$work/out" 'd["upfront_pence"] == 330000 and d["outcome_pence"] == 660000 and d["rule"] == "default"' "split default"
expect_exit nonzero "split bad price" -- "$psl" split --price eleven --licensed 2014-01-01 \
  --registered 2014-08-01
expect_text "$work/err" "price" "split bad price message"
expect_exit nonzero "split registered before licensed" -- "$psl" split --price 100 \
  --licensed 2015-01-01 --registered 2014-08-01
expect_text "$work/err" "registered" "split order message"

# Payment runs (PAY-8, X-5): alice prepares, regulator2 (from the demo) releases; alice may not.
today=$(date -u +%F)
"$psl" pay prepare --db "$db" --as-of "$today" --as alice >"$work/out" 2>"$work/err"
if grep -q "still open" "$work/err"; then  # the demonstration leaves its last run to release
  open_run=$(grep -o 'payment run [0-9][0-9]*' "$work/err" | head -1 | grep -o '[0-9]*$')
  "$psl" pay release --db "$db" --run "$open_run" --as regulator >/dev/null 2>&1 ||
    "$psl" pay release --db "$db" --run "$open_run" --as regulator2 >/dev/null 2>&1
  expect_exit 0 "pay prepare" -- "$psl" pay prepare --db "$db" --as-of "$today" --as alice
fi
expect_text "$work/out" "prepared" "pay prepare output"
run=$(grep -o 'payment run [0-9][0-9]*' "$work/out" | head -1 | grep -o '[0-9]*$')
expect_exit nonzero "pay release by the preparer" -- "$psl" pay release --db "$db" --run "$run" --as alice
expect_text "$work/err" "four eyes" "four eyes message"
expect_exit nonzero "pay release unknown user" -- "$psl" pay release --db "$db" --run "$run" --as nobody
expect_exit 0 "pay release" -- "$psl" pay release --db "$db" --run "$run" --as regulator2
expect_text "$work/out" "released" "pay release output"
expect_exit nonzero "pay release twice" -- "$psl" pay release --db "$db" --run "$run" --as regulator2
expect_exit nonzero "pay prepare future" -- "$psl" pay prepare --db "$db" --as-of 2999-01-01 --as alice

# The survey job (PAY-6) and a trusted evidence feed (PAY-7).
expect_exit 0 "jobs surveys" -- "$psl" jobs surveys --db "$db" --date "$today"
expect_text "$work/out" "invited" "survey job report"
printf 'citizen,employer,start,end,earnings\nQQ123456C,Acme Ltd,2024-02-01,,23450.00\n' > "$work/feed.csv"
expect_exit 0 "claims import-feed" -- "$psl" claims import-feed --db "$db" --file "$work/feed.csv" --as alice
expect_text "$work/out" "claims verified" "feed import report"
printf 'citizen,employer\nQQ123456C\n' > "$work/bad.csv"
expect_exit nonzero "claims import-feed bad csv" -- "$psl" claims import-feed --db "$db" --file "$work/bad.csv" --as alice
expect_exit nonzero "claims import-feed missing file" -- "$psl" claims import-feed --db "$db" --file "$work/none.csv" --as alice

# Serve, answer, and stop gracefully on each stop signal.
for signal in TERM INT; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$psl" serve --db "$db" --listen "127.0.0.1:$port" --log "$work/requests.log" \
    >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  up=no
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=yes; break; fi
    sleep 0.1
  done
  [ "$up" = yes ] && pass || fail "serve did not answer /healthz"
  expect_text "$work/serve.out" "Demonstration logins" "serve prints the demo logins"
  kill -s "$signal" "$server_pid"
  wait "$server_pid"
  code=$?
  server_pid=""
  [ "$code" -eq 0 ] && pass || fail "serve exited $code after SIG$signal"
  expect_text "$work/serve.err" "stopped" "serve reports its stop"
  expect_text "$work/requests.log" '"route":"/healthz"' "one JSON log line per request"
done

echo "cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
