#!/usr/bin/env bash
# A bounded libFuzzer run of one harness, fuzz/<name>_fuzz.cc (default request_decoding: the
# request, query and core text decoders; also tariff_config, assessment_config, choice_config). Builds the `fuzz` preset's target into build/fuzz, fuzzes a throwaway copy of the
# seed corpus (the repository is never modified) and exits non-zero when the fuzzer finds a
# crash, a sanitizer error, a broken invariant, a leak or a timeout; the reproducing input is
# kept in build/fuzz/artifacts/.
#
#   scripts/fuzz.sh                       # request_decoding, 60 seconds
#   scripts/fuzz.sh tariff_config         # another harness
#   PSL_FUZZ_SECONDS=600 scripts/fuzz.sh  # longer
#   build/fuzz/fuzz/request_decoding_fuzz build/fuzz/artifacts/crash-...   # replay a finding
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
name="${1:-request_decoding}"
if ! [[ "$name" =~ ^[a-z_]+$ ]] || [[ ! -f "$root/fuzz/${name}_fuzz.cc" ]]; then
  echo "fuzz.sh: no harness fuzz/${name}_fuzz.cc; name one of: $(cd "$root/fuzz" && ls *_fuzz.cc | sed 's/_fuzz.cc//' | tr '\n' ' ')" >&2
  exit 2
fi
seconds="${PSL_FUZZ_SECONDS:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: PSL_FUZZ_SECONDS must be a whole number of seconds, not '$seconds'" >&2
  exit 2
fi

cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target "${name}_fuzz"

fuzzer="$root/build/fuzz/fuzz/${name}_fuzz"
artifacts="$root/build/fuzz/artifacts"
mkdir -p "$artifacts"
corpus="$(mktemp -d "${TMPDIR:-/tmp}/psl-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$corpus"' EXIT
if [[ -d "$root/fuzz/corpus/$name" ]]; then cp -R "$root/fuzz/corpus/$name/." "$corpus/"; fi
dict=()
if [[ -f "$root/fuzz/$name.dict" ]]; then dict=(-dict="$root/fuzz/$name.dict"); fi

echo "fuzz.sh: fuzzing $name for ${seconds}s (corpus $corpus)"
status=0
"$fuzzer" "$corpus" \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  "${dict[@]}" -artifact_prefix="$artifacts/${name}-" \
  -print_final_stats=1 || status=$?
if [[ $status -ne 0 ]]; then
  echo "fuzz.sh: the fuzzer failed (exit $status); reproducing inputs in $artifacts:" >&2
  ls -1t "$artifacts" >&2 || true
  exit "$status"
fi
echo "fuzz.sh: no findings in ${seconds}s"
