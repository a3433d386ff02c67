# seqcast container image: build with the Maven wrapper, extract the jar into layers, run on a JRE.
#
#   docker build -t seqcast .                                  # from source, public Temurin images
#   docker build -t seqcast --build-arg VERSION=0.1.0 \
#     --build-arg REVISION="$(git rev-parse HEAD)" --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" .   # release labels
#   docker build -t seqcast \
#     --build-arg BUILD_IMAGE=seqcast-local/jdk:17 \
#     --build-arg RUNTIME_IMAGE=seqcast-local/jre:17 .         # base images built locally (deploy/docker/)
#   ./mvnw -q package -DskipTests && docker build -t seqcast \
#     --build-arg JAR_FILE=target/seqcast-0.1.0-SNAPSHOT.jar . # package a jar built outside (BUILD_IMAGE may then be a JRE)
#
# Works with the classic builder and with BuildKit. The image runs as uid 10001 with a read-only
# root file system: only /tmp and /models (the file-system model registry) need to be writable.
# See docs/deployment.md.

# JDK that runs the wrapper (any image with a JDK 17+ and a POSIX shell). Pinned to the update and OS the
# benchmarks ran on (17.0.15+6); pin a digest too (@sha256:...) when you release: nothing can be pulled here to read it.
ARG BUILD_IMAGE=eclipse-temurin:17.0.15_6-jdk-noble
# JRE that runs the service (Java 17 or newer, with a shell for the health check).
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
# Empty: build from source with the wrapper. Else a jar path inside the build context to package as is.
ARG JAR_FILE=
# The wrapper and the pom first, so the dependency download is a layer of its own, cached until the pom changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN if [ -z "$JAR_FILE" ]; then ./mvnw -B -ntp -q dependency:go-offline -DexcludeGroupIds=io.seqcast; fi
COPY . .
RUN set -eu; \
    if [ -z "$JAR_FILE" ]; then \
      ./mvnw -B -ntp -q package -DskipTests; \
      JAR_FILE="$(ls target/seqcast-*.jar | head -n 1)"; \
    fi; \
    cp "$JAR_FILE" application.jar; \
    java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM ${RUNTIME_IMAGE}
ARG RUNTIME_IMAGE
# What a release sets (see the top of this file); the defaults describe a local build.
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="seqcast" \
      org.opencontainers.image.description="Time-series forecasting service: recurrent networks on an in-process tensor core, versioned model registry" \
      org.opencontainers.image.source="https://github.com/seqcast/seqcast" \
      org.opencontainers.image.url="https://github.com/seqcast/seqcast" \
      org.opencontainers.image.documentation="https://github.com/seqcast/seqcast/blob/main/docs/deployment.md" \
      org.opencontainers.image.vendor="seqcast" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
# An /etc/passwd entry for uid 10001 (no useradd needed, so Debian, Ubuntu and Alpine bases all work),
# and the two writable places, owned by it.
RUN set -eu; \
    echo 'seqcast:x:10001:10001:seqcast:/app:/sbin/nologin' >> /etc/passwd; \
    echo 'seqcast:x:10001:' >> /etc/group; \
    mkdir -p /app /models; \
    chown 10001:10001 /models; \
    chmod 1777 /tmp
WORKDIR /app
# One layer per Spring Boot layer, least changing first.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# Read by the JVM itself (also for `docker exec ... java`): the Vector API module for the fast kernels;
# heap sized from the container's memory limit, not the host's; die on OOM so the orchestrator restarts us.
ENV JAVA_TOOL_OPTIONS="--add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError" \
    SEQCAST_REGISTRY_DIRECTORY=/models \
    SERVER_PORT=8080
# Anonymous volumes keep a `--read-only` container working even when nothing is mounted there.
VOLUME ["/tmp", "/models"]
USER 10001:10001
EXPOSE 8080
# bash's /dev/tcp: no curl or wget needed in the runtime image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
