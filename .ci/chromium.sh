# shellcheck shell=bash
# Sourced by .ci/run: Debian's chromium and chromium-driver for the web page's browser test
# (WebUiBrowserTest drives /usr/bin/chromium through /usr/bin/chromedriver; nothing is downloaded at test
# time). Unlike the other services this one is required: a failed install stops CI here, and the test
# itself fails under CI=true when the browser is missing.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "ci: installing chromium and chromium-driver"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
      >/tmp/seqcast-ci-chromium.log 2>&1; }; then
    echo "ERROR: could not install chromium and chromium-driver (see /tmp/seqcast-ci-chromium.log):" \
      "the browser test cannot run" >&2
    tail -n 20 /tmp/seqcast-ci-chromium.log >&2 || true
    exit 1
  fi
fi
echo "ci: $(chromium --version 2>/dev/null | head -n 1), $(chromedriver --version | head -n 1)"
export CI="${CI:-true}"
