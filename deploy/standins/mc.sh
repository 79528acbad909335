#!/bin/sh
# `mc ready local` of the stand-in MinIO image: succeeds when the S3 server on :9000 answers.
[ "$*" = "ready local" ] || { echo "stand-in mc: only 'mc ready local' is supported" >&2; exit 2; }
exec node -e "require('http').get('http://127.0.0.1:9000/', r => process.exit(r.statusCode < 500 ? 0 : 1)).on('error', () => process.exit(1))"
