#!/bin/sh
# The stand-in redis image's entrypoint: as the official one, protected mode off when no config file is given, and
# the server runs as the redis user.
set -eu
if [ "${1:-}" = redis-server ]; then
    case "${2:-}" in *.conf) ;; *) shift; set -- redis-server --protected-mode no "$@" ;; esac
fi
if [ "$(id -u)" = 0 ] && [ "${1:-}" = redis-server ]; then
    chown -R redis:redis /data
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
fi
exec "$@"
