#!/usr/bin/env bash
# Starts s3rver (an S3-compatible server) for the storage tests and returns once it accepts connections.
#
#   bash tests/tools/start-s3.sh <port> <data-dir> <pid-file>
#
# It listens on 127.0.0.1:<port> with s3rver's default credentials (S3RVER / S3RVER), keeps its objects in
# <data-dir>, writes its pid to <pid-file> and its output to <pid-file>.log. Stop it with: kill "$(cat <pid-file>)".
# Needs `npm ci` in tests/tools first.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 <port> <data-dir> <pid-file>" >&2; exit 2; }
PORT=$1 DATA_DIR=$2 PID_FILE=$3
TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
S3RVER="$TOOLS/node_modules/.bin/s3rver"
LOG="$PID_FILE.log"

[ -x "$S3RVER" ] || { echo "error: $S3RVER is missing; run: (cd $TOOLS && npm ci)" >&2; exit 1; }
mkdir -p "$DATA_DIR"

# No vhost buckets: clients address buckets by path (ForcePathStyle), and names like bucket.127.0.0.1 don't resolve.
nohup "$S3RVER" --directory "$DATA_DIR" --address 127.0.0.1 --port "$PORT" --silent --no-vhost-buckets \
    >"$LOG" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$PID_FILE"

for _ in $(seq 1 100); do
    if ! kill -0 "$PID" 2>/dev/null; then
        echo "error: s3rver exited during start-up:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        exit 0
    fi
    sleep 0.2
done

echo "error: s3rver did not answer on 127.0.0.1:$PORT within 20 s" >&2
kill "$PID" 2>/dev/null || true
exit 1
