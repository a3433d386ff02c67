#!/usr/bin/env bash
# Builds the Java base images for the Dockerfile from Debian packages, for machines whose Docker
# cannot pull from a public registry (this project's CI and dev machines).
#
#   deploy/docker/build-local-base-images.sh          # the JRE runtime image only (what the tests use)
#   deploy/docker/build-local-base-images.sh --jdk    # also the JDK build image (full multi-stage build)
#   deploy/docker/build-local-base-images.sh --force  # rebuild even if the tags exist
#
# Images (reused by tag; override with SEQCAST_JRE_IMAGE / SEQCAST_JDK_IMAGE):
#   seqcast-local/jre:17   debootstrap minbase + openjdk-17-jre-headless   -> --build-arg RUNTIME_IMAGE=...
#   seqcast-local/jdk:17   debootstrap minbase + openjdk-17-jdk-headless   -> --build-arg BUILD_IMAGE=...
# Needs root, debootstrap and a Docker daemon. DEBIAN_MIRROR / DEBIAN_SUITE pick the archive.
# Certificate authorities this host trusts locally (/usr/local/share/ca-certificates/*.crt, e.g. a
# TLS-inspecting egress proxy's) are trusted in the images too, so that the wrapper inside the JDK image
# reaches Maven Central the way the host does; SEQCAST_BASE_IMAGE_HOST_CAS=false leaves them out.
set -euo pipefail

JRE_IMAGE="${SEQCAST_JRE_IMAGE:-seqcast-local/jre:17}"
JDK_IMAGE="${SEQCAST_JDK_IMAGE:-seqcast-local/jdk:17}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${DEBIAN_SUITE:-bookworm}"

want_jdk=false
force=false
for arg in "$@"; do
  case "$arg" in
    --jdk) want_jdk=true ;;
    --force) force=true ;;
    *) echo "usage: $0 [--jdk] [--force]" >&2; exit 2 ;;
  esac
done

build_image() {
  local tag="$1" package="$2"
  if ! $force && docker image inspect "$tag" >/dev/null 2>&1; then
    echo "base image $tag exists (reused; --force rebuilds it)"
    return
  fi
  command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
  local root
  root="$(mktemp -d /tmp/seqcast-rootfs.XXXXXX)"
  trap 'rm -rf "$root"' RETURN
  echo "debootstrap $SUITE + $package -> $tag"
  local started=$SECONDS
  debootstrap --variant=minbase --include="$package,ca-certificates" "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -n 30 "$root.log" >&2; rm -f "$root.log"; exit 1; }
  rm -f "$root.log"
  if [ "${SEQCAST_BASE_IMAGE_HOST_CAS:-true}" = true ] && compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    mount -t proc proc "$root/proc"
    chroot "$root" update-ca-certificates >/dev/null 2>&1 || { umount "$root/proc"; echo "update-ca-certificates failed in $tag" >&2; exit 1; }
    umount "$root/proc"
    echo "trusting the host's local CAs: $(cd /usr/local/share/ca-certificates && ls -- *.crt | tr '\n' ' ')"
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc "$root"/usr/share/man
  local java_home
  java_home="$(cd "$root" && ls -d usr/lib/jvm/java-17-openjdk-* | head -n 1)"
  tar -C "$root" -c . | docker import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV JAVA_HOME=/$java_home" \
    --change "ENV LANG=C.UTF-8" \
    --change 'CMD ["bash"]' \
    - "$tag" >/dev/null
  echo "built $tag in $((SECONDS - started)) s"
}

build_image "$JRE_IMAGE" openjdk-17-jre-headless
if $want_jdk; then
  build_image "$JDK_IMAGE" openjdk-17-jdk-headless
fi
