# PSL: the two commands a newcomer needs are `make run` and `make test`.
# Everything installs what is missing first (scripts/bootstrap.sh), so a fresh Debian machine
# with the base toolchain is enough.

.PHONY: run test bench format deps build build-release asan clean

deps:
	@scripts/bootstrap.sh

build: deps
	@cmake --preset dev >/dev/null
	@cmake --build build/dev

build-release: deps
	@cmake --preset release >/dev/null
	@cmake --build build/release

# Builds, creates psl.db with the demonstration market if it is missing, and serves
# http://127.0.0.1:8080 (Ctrl-C stops it).
run: build-release
	@scripts/run.sh

# Every suite: unit and property tests, both store back ends (a throwaway PostgreSQL is started
# and stopped), the HTTP API through real HTTP, the crash test, the OpenAPI lint, the browser
# test in Debian's chromium, and a bounded libFuzzer run.
test: build
	@ctest --test-dir build/dev --output-on-failure -j2 --timeout 900

# The sanitizer build and its tests (not part of make test: it doubles the build time).
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build build/asan
	@ctest --test-dir build/asan --output-on-failure -j2 -E 'web_browser|fuzz|openapi'

bench: build-release
	@bench/run.sh

format:
	@find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
