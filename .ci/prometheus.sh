# shellcheck shell=bash
# Sourced by .ci/run: Prometheus 2.42 and promtool (Debian package) for PrometheusScrapeTest and
# PrometheusRulesTest, installed on their own so that a failed Docker install cannot leave them out.
# An install that fails is an ERROR in CI (this script returns 1, and .ci/run stops) and a WARNING
# elsewhere, where the two tests then report themselves as skipped.
# shellcheck source=.ci/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  echo "ci: installing prometheus"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/tmp/seqcast-ci-prometheus.log 2>&1; }; then
    tail -n 20 /tmp/seqcast-ci-prometheus.log >&2 || true
    seqcast_ci_missing "could not install prometheus (log: /tmp/seqcast-ci-prometheus.log)" || return 1
  fi
fi
