#!/usr/bin/env bash
# Runs docker-compose.yml's stack and tests it (tests/ComposeTests): 2 app + 2 worker replicas behind the proxy,
# PostgreSQL, Redis and the S3 store, each in its container; then takes it down again.
#
#   bash scripts/compose-test.sh [dotnet test args...]
#
# scripts/test.sh runs it after the other suites. It needs a Docker engine and compose (the `docker compose` plugin
# or docker-compose): on Debian/Ubuntu as root it installs docker.io and docker-compose when they are missing, and
# starts dockerd when no engine answers (stopped again at the end). Where Docker Hub and MCR are out of reach it
# builds the stand-in base images of deploy/standins first (VTIS_COMPOSE_IMAGES=standins|official forces a choice).
# TEST_RESULTS_DIR / COMPOSE_RESULTS_DIR: where the TRX file goes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '==> compose: %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
START_TS=$(date +%s)

STATE=$(mktemp -d "${TMPDIR:-/tmp}/vtis-compose.XXXXXX")
PROJECT=vtis-test-$$
DOCKERD_PID=""
COMPOSE=()
CLEANED=0

cleanup() {
    [ "$CLEANED" -eq 1 ] && return 0
    CLEANED=1
    set +e
    if [ ${#COMPOSE[@]} -gt 0 ]; then
        log "taking the stack down"
        "${COMPOSE[@]}" down -v --remove-orphans --timeout 20 >"$STATE/down.log" 2>&1 || tail -n 20 "$STATE/down.log" >&2
        # What `down` left (it failed, or was interrupted): the project's containers, volumes and network by label.
        docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker rm -f -v >/dev/null 2>&1
        docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker volume rm >/dev/null 2>&1
        docker network ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker network rm >/dev/null 2>&1
        # The run's image goes; its layers stay as the next build's cache.
        docker rmi --no-prune "$APP_IMAGE" >/dev/null 2>&1
    fi
    if [ -n "$DOCKERD_PID" ]; then
        log "stopping the Docker engine this script started"
        kill "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$DOCKERD_PID" 2>/dev/null
    fi
    rm -rf "$STATE"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# --- Docker CLI, engine and compose ----------------------------------------------------------------------------------
missing=()
# The engine comes with docker.io: needed unless an engine answers already (a docker CLI alone is not one).
if ! command -v docker >/dev/null 2>&1 || { ! docker info >/dev/null 2>&1 && ! command -v dockerd >/dev/null 2>&1; }; then
    missing+=(docker.io)
fi
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then missing+=(docker-compose); fi
if [ ${#missing[@]} -gt 0 ]; then
    is_root && command -v apt-get >/dev/null 2>&1 \
        || die "missing ${missing[*]}: install Docker with compose (Debian: apt-get install ${missing[*]})"
    log "installing ${missing[*]}"
    # Without starting the system's dockerd: this script starts one with the settings it needs.
    apt_install "${missing[@]}" >"$STATE/apt.log" 2>&1 || { tail -n 20 "$STATE/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
fi

if ! docker info >/dev/null 2>&1; then
    command -v dockerd >/dev/null 2>&1 || die "no Docker engine answers and dockerd is not installed (apt-get install docker.io)"
    is_root || die "no Docker engine answers; start one (or run as root and this script starts dockerd)"
    log "starting dockerd (no engine answered)"
    # No iptables rules: the stack publishes its ports through docker-proxy, and builds use the host's network.
    dockerd --iptables=false --ip6tables=false >"$STATE/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for _ in $(seq 1 150); do docker info >/dev/null 2>&1 && break; kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
    docker info >/dev/null 2>&1 || { tail -n 30 "$STATE/dockerd.log" >&2; die "dockerd did not start"; }
fi
if docker compose version >/dev/null 2>&1; then COMPOSE_CMD=(docker compose); else COMPOSE_CMD=(docker-compose); fi
log "engine $(docker version --format '{{.Server.Version}}'), $("${COMPOSE_CMD[@]}" version --short 2>/dev/null || echo compose)"

# --- Images: the real ones, or the stand-ins --------------------------------------------------------------------------
FILES=(-f docker-compose.yml)
IMAGES=${VTIS_COMPOSE_IMAGES:-auto}
if [ "$IMAGES" = auto ]; then
    if timeout 60 docker pull -q caddy:2 >/dev/null 2>&1; then IMAGES=official; else IMAGES=standins; fi
fi
export MINIO_ROOT_USER=vtis-minio MINIO_ROOT_PASSWORD
MINIO_ROOT_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
if [ -n "$DOCKERD_PID" ]; then
    # The engine this script started makes no NAT rules: builds take the host's network to reach package sources.
    cat >"$STATE/host-build.yml" <<YAML
services:
  app:
    build: { context: "$ROOT", network: host }
  worker:
    build: { context: "$ROOT", network: host }
YAML
    FILES+=(-f "$STATE/host-build.yml")
fi
if [ "$IMAGES" = standins ]; then
    log "Docker Hub / MCR out of reach: building the stand-in base images (deploy/standins)"
    command -v debootstrap >/dev/null 2>&1 || docker image inspect vtis-standin/ubuntu:noble >/dev/null 2>&1 \
        || apt_install debootstrap >"$STATE/apt.log" 2>&1 || die "debootstrap is missing (apt-get install debootstrap)"
    timeout --kill-after=30 1200 bash deploy/standins/build.sh || die "the stand-in images did not build (deploy/standins/build.sh)"
    FILES+=(-f deploy/standins/compose.yml)
    export MINIO_ROOT_USER=S3RVER MINIO_ROOT_PASSWORD=S3RVER
fi

# --- The stack ----------------------------------------------------------------------------------------------------------
PROXY_PORT=$(pick_port)
STORE_PORT=$(pick_port "$PROXY_PORT")
# Published on loopback only. The browser and the tests use "localhost", the origin the store allows by CORS.
export APP_PORT="127.0.0.1:$PROXY_PORT" MINIO_PORT="127.0.0.1:$STORE_PORT"
export PUBLIC_BASE_URL="http://localhost:$PROXY_PORT/" PUBLIC_ORIGIN="http://localhost:$PROXY_PORT" S3_PUBLIC_URL="http://localhost:$STORE_PORT"
export APP_REPLICAS=2 WORKER_REPLICAS=2 APP_IMAGE="vtis-app:test-$$"
export JWT_SECRET_KEY ADMIN_EMAIL=admin@example.test ADMIN_PASSWORD POSTGRES_PASSWORD
JWT_SECRET_KEY=$(head -c 48 /dev/urandom | base64)
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
POSTGRES_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
COMPOSE=("${COMPOSE_CMD[@]}" -p "$PROJECT" "${FILES[@]}")

log "building the app image ($IMAGES base images)"
timeout --kill-after=30 1500 "${COMPOSE[@]}" build app >"$STATE/build.log" 2>&1 \
    || { tail -n 60 "$STATE/build.log" >&2; die "the app image does not build"; }
log "up: proxy on $APP_PORT, storage on $MINIO_PORT, $APP_REPLICAS app + $WORKER_REPLICAS worker replicas"
timeout --kill-after=30 600 "${COMPOSE[@]}" up -d >"$STATE/up.log" 2>&1 \
    || { tail -n 40 "$STATE/up.log" >&2; "${COMPOSE[@]}" logs --tail 40 >&2; die "compose up failed"; }

containers() { docker ps -aq --filter "label=com.docker.compose.project=$PROJECT"; }
deadline=$(( $(date +%s) + 300 ))
while :; do
    waiting=$(for c in $(containers); do
        docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$c" || true
    done | awk '$2 != "running" || ($3 != "healthy" && $3 != "none")' || true)
    [ -z "$waiting" ] && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$waiting" >&2
        "${COMPOSE[@]}" logs --tail 60 >&2
        die "the stack is not healthy after 300 s"
    fi
    sleep 2
done
log "healthy after $(( $(date +%s) - START_TS )) s"

# --- Tests ----------------------------------------------------------------------------------------------------------------
RESULTS=${COMPOSE_RESULTS_DIR:-${TEST_RESULTS_DIR:-$STATE/results}}
TEST_RC=0
TEST_COMPOSE_URL="http://localhost:$PROXY_PORT/" TEST_COMPOSE_PROJECT=$PROJECT \
    timeout --kill-after=30 1500 dotnet test tests/ComposeTests/ComposeTests.csproj -c Release --logger trx \
    --results-directory "$RESULTS" "$@" || TEST_RC=$?
if [ "$TEST_RC" -ne 0 ]; then
    "${COMPOSE[@]}" ps >&2 || true
    "${COMPOSE[@]}" logs --tail 80 >"$STATE/stack.log" 2>&1 || true
    tail -n 400 "$STATE/stack.log" >&2
fi
log "done in $(( $(date +%s) - START_TS )) s"
exit "$TEST_RC"
