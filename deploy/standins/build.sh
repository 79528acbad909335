#!/usr/bin/env bash
# Builds stand-ins for the images docker-compose.yml and the Dockerfile start from, for a Docker engine that cannot
# pull them (no route to Docker Hub or MCR) but whose machine reaches the Ubuntu archive and the npm registry:
#
#   vtis-standin/ubuntu:noble         a minimal Ubuntu 24.04 made by debootstrap (keyring pinned below)
#   vtis-standin/dotnet-sdk:10.0      mcr.microsoft.com/dotnet/sdk:10.0, with this machine's .NET SDK
#   vtis-standin/dotnet-aspnet:10.0   mcr.microsoft.com/dotnet/aspnet:10.0, with this machine's .NET runtimes
#   vtis-standin/node:20              node:22-bookworm-slim (the web build), with this machine's Node.js (>= 20.19)
#   vtis-standin/postgres:16          postgres:17, Ubuntu's PostgreSQL 16
#   vtis-standin/redis:7              redis:7, Ubuntu's Redis 7.0
#   vtis-standin/caddy:2              caddy:2, Ubuntu's Caddy 2.6
#   vtis-standin/s3rver:3.7.1         minio/minio, s3rver (keys S3RVER / S3RVER)
#
# deploy/standins/compose.yml points the stack at them. Images already present are kept (those made from this
# machine's .NET or Node.js only while it has the same versions); FORCE=1 rebuilds.
#   bash deploy/standins/build.sh        (uses whatever engine `docker` talks to, e.g. DOCKER_HOST)
# Needs root for debootstrap (apt-get install debootstrap) unless the base image exists.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
UBUNTU_MIRROR=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}
# ubuntu-keyring of noble main, pinned: it verifies the archive's Release files for debootstrap and apt.
KEYRING_DEB=pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb
KEYRING_SHA256=36de43b15853ccae0028e9a767613770c704833f82586f28eb262f0311adb8a8
EXTRA_CA_DIR=${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}

log() { printf '==> standins: %s\n' "$*"; }
# have <image> [<source>]: the image exists (and was built from <source>, its label vtis.source).
have() {
    [ "${FORCE:-0}" != 1 ] || return 1
    local label
    label=$(docker image inspect --format '{{index .Config.Labels "vtis.source"}}' "$1" 2>/dev/null) || return 1
    [ -z "${2:-}" ] || [ "$label" = "$2" ]
}

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/vtis-standins.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

if ! have vtis-standin/ubuntu:noble; then
    command -v debootstrap >/dev/null || { echo "error: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
    log "debootstrap Ubuntu 24.04 (noble) from $UBUNTU_MIRROR"
    curl -fsS --retry 3 -o "$STAGE/keyring.deb" "$UBUNTU_MIRROR/$KEYRING_DEB"
    echo "$KEYRING_SHA256  $STAGE/keyring.deb" | sha256sum -c --quiet
    dpkg-deb -x "$STAGE/keyring.deb" "$STAGE/keyring"
    # debootstrap has no script named noble; gutsy is the one every Ubuntu release since uses.
    debootstrap --variant=minbase --keyring="$STAGE/keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg" \
        noble "$STAGE/rootfs" "$UBUNTU_MIRROR" /usr/share/debootstrap/scripts/gutsy >"$STAGE/debootstrap.log" 2>&1 \
        || { tail -n 30 "$STAGE/debootstrap.log" >&2; exit 1; }
    rm -f "$STAGE/rootfs/etc/apt/sources.list"
    cat >"$STAGE/rootfs/etc/apt/sources.list.d/ubuntu.sources" <<SOURCES
Types: deb
URIs: $UBUNTU_MIRROR
Suites: noble noble-updates noble-security
Components: main universe
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SOURCES
    rm -rf "$STAGE/rootfs/var/cache/apt/archives/"*.deb "$STAGE/rootfs/var/lib/apt/lists/"*
    # This machine's own CA certificates (a TLS-inspecting proxy in front of the registries, say): the images that
    # install ca-certificates trust them too, so restores and npm installs inside builds reach the same registries.
    if compgen -G "$EXTRA_CA_DIR/*.crt" >/dev/null; then
        mkdir -p "$STAGE/rootfs/usr/local/share/ca-certificates"
        cp "$EXTRA_CA_DIR"/*.crt "$STAGE/rootfs/usr/local/share/ca-certificates/"
    fi
    tar -C "$STAGE/rootfs" -c . | docker import --change 'CMD ["bash"]' - vtis-standin/ubuntu:noble >/dev/null
    rm -rf "$STAGE/rootfs"
fi

DOTNET_ROOT_DIR=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
DOTNET_SOURCE="dotnet sdk $(ls "$DOTNET_ROOT_DIR/sdk" | tr '\n' ' ')aspnet $(ls "$DOTNET_ROOT_DIR/shared/Microsoft.AspNetCore.App" | tr '\n' ' ')"
for target in aspnet sdk; do
    tag=vtis-standin/dotnet-$target:10.0
    have "$tag" "$DOTNET_SOURCE" && continue
    log "$tag from $DOTNET_ROOT_DIR"
    docker build -q --network host --target "$target" --label "vtis.source=$DOTNET_SOURCE" -t "$tag" \
        -f "$HERE/dotnet.Dockerfile" "$DOTNET_ROOT_DIR" >/dev/null
done

cp "$HERE"/*.sh "$HERE"/*.xml "$STAGE/"
mkdir -p "$STAGE/s3rver"
cp "$HERE/../../tests/tools/package.json" "$HERE/../../tests/tools/package-lock.json" "$STAGE/s3rver/"
NODE=$(readlink -f "$(command -v node)")
NPM_DIR=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
"$NODE" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    || { echo "error: the web build needs Node.js >= 20.19; this machine has $("$NODE" --version)" >&2; exit 1; }
mkdir -p "$STAGE/node/bin" "$STAGE/node/lib/node_modules"
cp "$NODE" "$STAGE/node/bin/node"
cp -r "$NPM_DIR" "$STAGE/node/lib/node_modules/npm"
NODE_SOURCE="node $("$NODE" --version)"
for pair in postgres:postgres:16 redis:redis:7 caddy:caddy:2 node:node:20 s3:s3rver:3.7.1; do
    IFS=: read -r target name version <<<"$pair"
    tag=vtis-standin/$name:$version
    source=""
    case "$target" in node | s3) source=$NODE_SOURCE ;; esac
    have "$tag" "$source" && continue
    log "$tag"
    docker build -q --network host --target "$target" --label "vtis.source=$source" -t "$tag" \
        -f "$HERE/services.Dockerfile" "$STAGE" >/dev/null
done
log "ready"
