# `helm test` of the seqcast chart (templates/tests/test-connection.yaml runs it with bash in the seqcast image,
# which has no curl: HTTP/1.0 over bash's /dev/tcp). Reads SEQCAST_HOST, SEQCAST_PORT and, when set,
# SEQCAST_API_KEYS (comma-separated; the first is sent). Exits non-zero, saying why, unless the service
# is ready and answers a forecast. HelmTestScriptTest runs this file against a live service.
set -euo pipefail
host="${SEQCAST_HOST:?}"
port="${SEQCAST_PORT:-8080}"
keys="${SEQCAST_API_KEYS:-}"
key="${keys%%,*}"

# request METHOD PATH [BODY]: prints the whole response (status line, headers, body).
request() {
  local method="$1" path="$2" body="${3:-}"
  exec 3<>"/dev/tcp/$host/$port"
  {
    printf '%s %s HTTP/1.0\r\nHost: %s\r\nAccept: application/json\r\n' "$method" "$path" "$host"
    if [ -n "$key" ]; then printf 'X-API-Key: %s\r\n' "$key"; fi
    if [ -n "$body" ]; then
      printf 'Content-Type: application/json\r\nContent-Length: %s\r\n' "${#body}"
    fi
    printf '\r\n%s' "$body"
  } >&3
  timeout 30 cat <&3
  exec 3<&-
}

# expect NAME RESPONSE STATUS PATTERN: the status line has STATUS and the body matches PATTERN.
expect() {
  local name="$1" response="$2" status="$3" pattern="$4"
  local first
  first="$(printf '%s' "$response" | head -n 1 | tr -d '\r')"
  if [[ "$first" != *" $status "* ]] || ! grep -q -- "$pattern" <<<"$response"; then
    echo "FAIL $name: expected HTTP $status and a body matching $pattern, got:" >&2
    printf '%s\n' "$response" | head -c 2000 >&2
    exit 1
  fi
  echo "ok   $name ($first)"
}

expect "readiness" "$(request GET /actuator/health/readiness)" 200 '"status":"UP"'
expect "forecast" "$(request POST /forecast \
  '{"horizon":3,"frequency":"M","series":[{"id":"helm-test","values":[112,118,132,129,121,135,148,148,136,119,104,118,115,126,141,135,125,149,170,170,158,133,114,140,145,150,178,163,172,178,199,199,184,162,146,166,171,180,193,181,183,218,230,242,209,191,172,194]}]}')" \
  200 '"helm-test"'
