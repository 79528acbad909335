# Stand-ins for mcr.microsoft.com/dotnet/sdk:10.0 and aspnet:10.0 (Ubuntu 24.04 "noble", like those tags), for a
# machine that can reach the Ubuntu archive but not MCR. Built by deploy/standins/build.sh with the machine's own
# .NET installation as the build context (its `dotnet`, `host`, `shared`, `sdk`... folders).
ARG BASE_IMAGE=vtis-standin/ubuntu:noble

FROM ${BASE_IMAGE} AS aspnet
# What the official runtime-deps image installs, and its non-root user "app" (UID 1654).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libc6 libgcc-s1 \
      libicu74 libssl3t64 libstdc++6 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --shell /bin/false app
COPY dotnet /usr/share/dotnet/dotnet
COPY host /usr/share/dotnet/host/
COPY shared/Microsoft.NETCore.App /usr/share/dotnet/shared/Microsoft.NETCore.App/
COPY shared/Microsoft.AspNetCore.App /usr/share/dotnet/shared/Microsoft.AspNetCore.App/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true

FROM aspnet AS sdk
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl git wget \
 && rm -rf /var/lib/apt/lists/*
COPY . /usr/share/dotnet/
ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_NOLOGO=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    NUGET_XMLDOC_MODE=skip
