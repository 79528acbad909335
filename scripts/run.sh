#!/usr/bin/env bash
# Run the app locally:  bash scripts/run.sh [app args...]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { printf '==> %s\n' "$*"; }
is_root() { [ "$(id -u)" -eq 0 ]; }

if ! command -v dotnet >/dev/null 2>&1; then
    cat >&2 <<'MSG'
error: the .NET SDK (dotnet) is not installed or not on PATH.
Install the .NET 10 SDK (Debian/Ubuntu: the dotnet-sdk-10.0 package from Microsoft's package feed),
then run this command again.
MSG
    exit 1
fi

if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
    if is_root; then
        log "installing ffmpeg"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg
    else
        echo "error: ffmpeg/ffprobe not found. Install them with:" >&2
        echo "  sudo apt-get install ffmpeg" >&2
        exit 1
    fi
fi

# The web app: built when wwwroot has a package.json (the React app) and dist/ is missing or stale.
build_web() {
    local web="$ROOT/wwwroot"
    [ -f "$web/package.json" ] || return 0
    command -v npm >/dev/null 2>&1 || { echo "error: npm not found (needed to build wwwroot); install Node.js 20+" >&2; exit 1; }
    if [ ! -d "$web/node_modules" ]; then
        log "npm ci (wwwroot)"
        (cd "$web" && npm ci)
    fi
    if [ ! -d "$web/dist" ] || { [ -d "$web/src" ] && [ -n "$(find "$web/src" -type f -newer "$web/dist" -print -quit)" ]; }; then
        log "npm run build (wwwroot)"
        (cd "$web" && npm run build)
    fi
}
build_web

if [ -z "${ASPNETCORE_URLS:-}" ]; then
    export ASPNETCORE_URLS=http://localhost:5080
    echo "Open http://localhost:5080"
else
    echo "Open ${ASPNETCORE_URLS}"
fi

exec dotnet run --project src/AppHost -c Release -- "$@"
