#!/usr/bin/env bash
# make run: the demonstration market on http://127.0.0.1:8080, in an embedded SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
psl=build/release/src/psl/cli/psl
db="sqlite:${PSL_DB_FILE:-psl.db}"
if [ ! -f "${PSL_DB_FILE:-psl.db}" ]; then
  echo "Creating ${PSL_DB_FILE:-psl.db} with the demonstration market..."
  "$psl" demo --db "$db" >/dev/null
fi
echo
echo "Open http://127.0.0.1:8080/ in a browser and log in with one of the logins below."
echo "The API is described at http://127.0.0.1:8080/api/v1/openapi.json. Ctrl-C stops PSL."
echo
exec "$psl" serve --db "$db" --listen "${PSL_LISTEN:-127.0.0.1:8080}" \
  --web-root build/release/web/dist --log "${PSL_LOG:-psl-requests.log}"
