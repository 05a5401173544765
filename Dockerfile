# Build stage: the SDK restores and publishes the worker (tests run in CI, not in the image).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Beschikbaarheid.sln ./
COPY sql ./sql
COPY config ./config
COPY src ./src
RUN dotnet publish src/Beschikbaarheid.Worker -c Release -o /app

# Runtime stage: the published worker and its default configuration, run as the image's non-root user.
FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
COPY config/schemes /config/schemes
# Production: Database__Provider=sqlserver (or postgresql) and ConnectionStrings__Beschikbaarheid come from the
# orchestrator's secrets. The embedded SQLite default keeps its file on the /data volume.
ENV Database__File=/data/beschikbaarheid.db \
    Paths__Schemes=/config/schemes \
    Paths__Output=/out \
    Logging__Format=json
RUN mkdir -p /data /out && chown -R app:app /data /out /config
USER app
VOLUME ["/config", "/data", "/out"]
# Healthy when the database answers, its migrations are this program's and the schedule is valid.
HEALTHCHECK --interval=1m --timeout=20s --start-period=30s --retries=3 CMD ["dotnet", "beschikbaarheid.dll", "status"]
# SIGTERM (docker stop) stops the scheduler after a running settlement has completed or rolled back.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "beschikbaarheid.dll"]
CMD ["run"]
