#!/usr/bin/env bash
# Regenerates wwwroot/src/api/schema.d.ts from the app's OpenAPI document: builds and starts the app on a throwaway
# SQLite folder and a free port, fetches /openapi/v1.json, runs openapi-typescript (wwwroot's pinned version), stops
# the app. A test fails when the checked-in file differs from what this makes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[ -d wwwroot/node_modules ] || (cd wwwroot && npm ci --no-audit --no-fund --loglevel=error)
dotnet build src/AppHost -c Release -v quiet -nologo >/dev/null
TMP=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
App__DataDirectory="$TMP" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning \
  dotnet src/AppHost/bin/Release/net10.0/Vtis.AppHost.dll >"$TMP/app.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/openapi/v1.json" -o "$TMP/openapi.json" 2>/dev/null && break; sleep 0.5; done
[ -s "$TMP/openapi.json" ] || { cat "$TMP/app.log" >&2; echo "error: the app did not answer /openapi/v1.json" >&2; exit 1; }
(cd wwwroot && npx --no-install openapi-typescript "$TMP/openapi.json" -o src/api/schema.d.ts)
echo "wrote wwwroot/src/api/schema.d.ts"
