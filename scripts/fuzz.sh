#!/usr/bin/env bash
# A bounded libFuzzer run of fuzz/request_decoding_fuzz.cc (the request, query and core text
# decoders). Builds the `fuzz` preset's target into build/fuzz, fuzzes a throwaway copy of the
# seed corpus (the repository is never modified) and exits non-zero when the fuzzer finds a
# crash, a sanitizer error, a broken invariant, a leak or a timeout; the reproducing input is
# kept in build/fuzz/artifacts/.
#
#   scripts/fuzz.sh                       # 60 seconds
#   PSL_FUZZ_SECONDS=600 scripts/fuzz.sh  # longer
#   build/fuzz/fuzz/request_decoding_fuzz build/fuzz/artifacts/crash-...   # replay a finding
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${PSL_FUZZ_SECONDS:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: PSL_FUZZ_SECONDS must be a whole number of seconds, not '$seconds'" >&2
  exit 2
fi

cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target request_decoding_fuzz

fuzzer="$root/build/fuzz/fuzz/request_decoding_fuzz"
artifacts="$root/build/fuzz/artifacts"
mkdir -p "$artifacts"
corpus="$(mktemp -d "${TMPDIR:-/tmp}/psl-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$corpus"' EXIT
cp -R "$root/fuzz/corpus/request_decoding/." "$corpus/"

echo "fuzz.sh: fuzzing the request decoders for ${seconds}s (corpus $corpus)"
status=0
"$fuzzer" "$corpus" \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -dict="$root/fuzz/request_decoding.dict" -artifact_prefix="$artifacts/" \
  -print_final_stats=1 || status=$?
if [[ $status -ne 0 ]]; then
  echo "fuzz.sh: the fuzzer failed (exit $status); reproducing inputs in $artifacts:" >&2
  ls -1t "$artifacts" >&2 || true
  exit "$status"
fi
echo "fuzz.sh: no findings in ${seconds}s"
