# Build stage: the SDK restores and publishes the worker.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Beschikbaarheid.Worker -c Release -o /app

# Runtime stage: the published worker, its scheme files, a non-root user.
FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
COPY config ./config
ENV Database__File=/data/beschikbaarheid.db \
    Paths__Output=/out \
    Paths__Schemes=/app/config/schemes
RUN mkdir -p /data /out && chown app:app /data /out
USER app
VOLUME ["/data", "/out"]
ENTRYPOINT ["dotnet", "beschikbaarheid.dll"]
CMD ["run"]
