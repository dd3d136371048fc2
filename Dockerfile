# syntax=docker/dockerfile:1.7.0
# PatrolScores gateway. Build:  docker build -t patrolscores .
# Run (embedded mode, data in a volume):  docker run -p 8080:8080 -v patrolscores-data:/data patrolscores
# Distributed mode: pass Storage__Mode=Distributed, Storage__Postgres__ConnectionString, Storage__Redis__Configuration
# and the real OSM settings (Osm__BaseUrl, Osm__ClientId, Osm__ClientSecret) as environment variables.
# Compose stacks built from this file: deploy/compose. Every image is pinned to a full version
# (.ci/check-deploy.sh): the SDK 10.0.401 carries the runtime 10.0.12, the one the aspnet image runs.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src

# Restore in its own layer: it is re-run only when a project or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Gateway/Gateway.csproj src/Gateway/
COPY src/Transforms/Transforms.csproj src/Transforms/
RUN dotnet restore src/Gateway/Gateway.csproj

COPY src/Gateway/ src/Gateway/
COPY src/Transforms/ src/Transforms/
RUN dotnet publish src/Gateway/Gateway.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
# curl only for the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown app:app /data
WORKDIR /app
COPY --from=build /app ./

# "Urls" (not ASPNETCORE_URLS) because appsettings.json sets Urls and would otherwise win.
ENV Urls=http://+:8080 \
    Storage__Sqlite__Path=/data/patrolscores.db \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080

# The image's built-in non-root user.
USER app
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz >/dev/null || exit 1
ENTRYPOINT ["dotnet", "PatrolScores.Gateway.dll"]
