# Stand-ins for the service images docker-compose.yml names (postgres, redis, minio, caddy, and node for the web
# build), built from the Ubuntu archive by deploy/standins/build.sh where Docker Hub is out of reach. They keep
# the interface compose relies on (environment, command, ports, volumes, health-check commands); they are not
# those images. Context: deploy/standins.
ARG BASE_IMAGE=vtis-standin/ubuntu:noble

# postgres:17 -> Ubuntu's PostgreSQL 16, initialised from POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB on first start.
FROM ${BASE_IMAGE} AS postgres
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql util-linux \
 && rm -rf /var/lib/apt/lists/*
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PGDATA=/var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["sh", "/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]

# redis:7 -> Ubuntu's Redis 7.0; like the official image, `redis-server` without a config file runs with
# protected mode off (the compose network is the boundary) as the redis user in /data.
FROM ${BASE_IMAGE} AS redis
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server redis-tools util-linux \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
VOLUME /data
EXPOSE 6379
ENTRYPOINT ["sh", "/usr/local/bin/docker-entrypoint.sh"]
CMD ["redis-server"]

# caddy:2 -> Ubuntu's Caddy 2.6 with the official image's command.
FROM ${BASE_IMAGE} AS caddy
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends caddy ca-certificates \
 && rm -rf /var/lib/apt/lists/*
EXPOSE 80 443 8080
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]

# node:22 -> the building machine's own Node.js (Ubuntu's is 18, older than Vite needs), from the staged folder node/.
FROM ${BASE_IMAGE} AS node
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libstdc++6 \
 && rm -rf /var/lib/apt/lists/*
COPY node/bin/node /usr/local/bin/node
COPY node/lib/node_modules/npm /usr/local/lib/node_modules/npm/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
# Node.js has its own CA list; the system's holds the building machine's extra CAs too (build.sh).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]

# minio/minio -> s3rver (npm, the S3-compatible server the storage tests use, pinned by their lock file) on :9000,
# data in /data, with the bucket `vtis` and a CORS rule for browsers. Its keys are fixed: S3RVER / S3RVER.
# `mc ready local` answers when the server does, like MinIO's client.
FROM node AS s3
COPY s3rver/package.json s3rver/package-lock.json /opt/s3rver/
RUN mkdir -p /data && cd /opt/s3rver && npm ci --no-audit --no-fund --omit=dev
COPY s3rver-cors.xml /etc/s3rver/cors.xml
COPY mc.sh /usr/local/bin/mc
COPY s3rver-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /data
EXPOSE 9000
ENTRYPOINT ["sh", "/usr/local/bin/docker-entrypoint.sh"]
