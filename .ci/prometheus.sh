# shellcheck shell=bash
# Sourced by .ci/run: Prometheus 2.42 and promtool (Debian package) for PrometheusScrapeTest and
# PrometheusRulesTest, installed on their own so that a failed Docker install cannot leave them out.
# A machine where the install fails only prints a WARNING; the two tests then skip themselves.
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  echo "ci: installing prometheus"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/tmp/seqcast-ci-prometheus.log 2>&1; } \
    || echo "WARNING: could not install prometheus: the Prometheus tests will be skipped" >&2
fi
