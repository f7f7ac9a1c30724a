#!/usr/bin/env bash
# Installs what PSL needs to build, run and test, and nothing that is already there.
# Debian packages through apt-get, JavaScript packages through npm; nothing else is downloaded.
# Idempotent: a second run on a ready machine does no installs and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  build-essential cmake ninja-build pkg-config git clang clang-format clang-tidy
  libclang-rt-dev libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  nlohmann-json3-dev libcpp-httplib-dev libssl-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  libcli11-dev libfmt-dev libspdlog-dev libsodium-dev
  chromium wrk curl procps
)

missing=()
for package in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

# Node.js may come from Debian or from the machine image (which bundles npm): only ask Debian
# for it when the commands are absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages for the web interface, its browser test and the OpenAPI lint.
# The stamp records the lock file that was installed, so an unchanged lock file installs nothing.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.psl-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "bootstrap: installing npm packages for web/"
    # npm install honours the lock file; npm ci is stricter than this machine's npm settings
    # allow (it wants every platform's optional packages listed with their download address).
    (cd web && npm install --no-save --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
