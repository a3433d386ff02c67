# shellcheck shell=bash
# Sourced by .ci/run: Docker for the container image test, and checks of the deployment files.
#
# Installs docker.io, debootstrap, docker-compose and prometheus (for promtool) when missing, starts
# dockerd unless one answers, builds the local JRE base image once (reused by tag), validates
# docker-compose.yml and the Prometheus files, and exports what ContainerImageIT reads. Docker, the
# base image or a checking tool that cannot be installed, started or built is an ERROR in CI
# (seqcast_ci_docker returns 1 and .ci/run stops) and a WARNING elsewhere, where ContainerImageIT
# then reports itself as skipped. A compose or Prometheus file that does not validate always fails.

# shellcheck source=.ci/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seqcast_ci_install_missing() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "ci: installing ${missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/tmp/seqcast-ci-apt.log 2>&1; }; then
    tail -n 20 /tmp/seqcast-ci-apt.log >&2 || true
    seqcast_ci_missing "could not install ${missing[*]} (log: /tmp/seqcast-ci-apt.log)" || return 1
  fi
}

seqcast_ci_start_dockerd() {
  if docker info >/dev/null 2>&1; then
    echo "ci: a Docker daemon is already running"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "ci: no dockerd on the PATH" >&2
    return 1
  fi
  echo "ci: starting dockerd"
  dockerd >/tmp/seqcast-ci-dockerd.log 2>&1 &
  SEQCAST_CI_DOCKERD_PID=$!
  # Stop the daemon this run started, whatever way the run ends.
  trap 'kill "$SEQCAST_CI_DOCKERD_PID" 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      echo "ci: dockerd answered after ${i} s"
      return 0
    fi
    if ! kill -0 "$SEQCAST_CI_DOCKERD_PID" 2>/dev/null; then
      break
    fi
    sleep 1
  done
  tail -n 20 /tmp/seqcast-ci-dockerd.log >&2 || true
  echo "ci: dockerd did not start (log: /tmp/seqcast-ci-dockerd.log)" >&2
  return 1
}

seqcast_ci_check_deploy_files() {
  if command -v docker-compose >/dev/null 2>&1; then
    echo "ci: docker-compose config -q"
    docker-compose config -q
  else
    seqcast_ci_missing "no docker-compose: docker-compose.yml not validated" || return 1
  fi
  if command -v promtool >/dev/null 2>&1; then
    echo "ci: promtool check config deploy/prometheus/prometheus.yml (and its rule files)"
    promtool check config deploy/prometheus/prometheus.yml >/dev/null
  else
    seqcast_ci_missing "no promtool: Prometheus files not validated" || return 1
  fi
}

seqcast_ci_docker() {
  export TESTCONTAINERS_RYUK_DISABLED=true
  export TESTCONTAINERS_CHECKS_DISABLE=true
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
  seqcast_ci_install_missing || return 1
  seqcast_ci_check_deploy_files || return 1
  if ! seqcast_ci_start_dockerd; then
    seqcast_ci_missing "no Docker daemon: the container image test cannot run" || return 1
    return 0
  fi
  # Nothing can be pulled here: the image test builds on a JRE image made from Debian packages.
  local started=$SECONDS
  if deploy/docker/build-local-base-images.sh; then
    export SEQCAST_RUNTIME_IMAGE="${SEQCAST_JRE_IMAGE:-seqcast-local/jre:17}"
    echo "ci: base image $SEQCAST_RUNTIME_IMAGE ready ($((SECONDS - started)) s)"
  else
    seqcast_ci_missing "could not build the local base image for the container image test" || return 1
    export SEQCAST_CONTAINER_TEST=skip
  fi
}
