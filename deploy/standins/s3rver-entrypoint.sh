#!/bin/sh
# The stand-in MinIO image's entrypoint: s3rver on :9000 with the bucket `vtis` and its CORS rule. The arguments
# compose passes for MinIO (`server /data --console-address :9001`) mean nothing to s3rver and are ignored.
exec /opt/s3rver/node_modules/.bin/s3rver --directory /data --address 0.0.0.0 --port 9000 --no-vhost-buckets \
    --configure-bucket vtis /etc/s3rver/cors.xml
