#!/usr/bin/env bash
# Smoke test of a running Trafalgar deployment, for operators (docs/operations.md, "Smoke test").
#
#   server-config/smoke.sh URL TOKEN [HEALTH_URL]
#
# URL is where the WAR answers (http://host:8080), TOKEN a credential with render:read and
# render:submit (the dashboard token is one), HEALTH_URL where the server serves MicroProfile
# Health (default URL; WildFly: http://host:9990). It checks, in order: the farm list, one
# submission to the mock farm, that job in the job list, the job in the first SSE event and in
# the first WebSocket message, and readiness. It prints one line per check and stops with exit
# status 1 and a "FAIL:" line at the first failure. Needs bash, curl and a JDK (java 11+ runs
# SmokeSocket.java, beside this script, as a single-file program); nothing is downloaded.
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 URL TOKEN [HEALTH_URL]" >&2
  exit 2
fi
URL=${1%/}
TOKEN=$2
HEALTH_URL=${3:-$URL}
HEALTH_URL=${HEALTH_URL%/}
HERE=$(cd "$(dirname "$0")" && pwd)
TIMEOUT=${SMOKE_TIMEOUT:-15}
BODY=$(mktemp)
ERRORS=$(mktemp)
trap 'rm -f "$BODY" "$ERRORS"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# request METHOD PATH-OR-URL [curl args...]: sets STATUS, body in $BODY
request() {
  local method=$1 target=$2
  shift 2
  case $target in http*) ;; *) target=$URL$target ;; esac
  STATUS=$(curl -sS -o "$BODY" -w '%{http_code}' --max-time "$TIMEOUT" -X "$method" "$@" \
    "$target" 2>"$ERRORS") || fail "$method $target: no answer ($(head -c 200 "$ERRORS"))"
}

auth=(-H "Authorization: Bearer $TOKEN")

request GET /render/farms "${auth[@]}"
[ "$STATUS" = 200 ] || fail "GET /render/farms answered $STATUS: $(head -c 300 "$BODY")"
grep -q '"name":"mock"' "$BODY" || fail "GET /render/farms lists no mock farm: $(head -c 300 "$BODY")"
echo "ok: farms listed"

request POST /render/jobs "${auth[@]}" -H 'Content-Type: application/json' \
  --data '{"dcc":"maya","scene":"/smoke/test.ma","output":"/smoke/out","frames":"1","farm":"mock","user":"smoke-test"}'
[ "$STATUS" = 201 ] || fail "POST /render/jobs answered $STATUS: $(head -c 300 "$BODY")"
JOB=$(grep -o '"job_id":"[^"]*"' "$BODY" | head -1 | cut -d'"' -f4)
[ -n "$JOB" ] || fail "POST /render/jobs answered 201 without a job_id: $(head -c 300 "$BODY")"
echo "ok: job $JOB submitted to the mock farm"

request GET /render/jobs "${auth[@]}"
[ "$STATUS" = 200 ] || fail "GET /render/jobs answered $STATUS: $(head -c 300 "$BODY")"
grep -q "\"job_id\":\"$JOB\"" "$BODY" || fail "GET /render/jobs does not list $JOB"
echo "ok: job listed"

# SSE: a fresh connection starts with a jobs.snapshot event (API.md 8.3); read until its data line.
EVENT=$(curl -sS -N --max-time "$TIMEOUT" -H 'Accept: text/event-stream' \
  "$URL/render/jobs/stream?access_token=$TOKEN" 2>/dev/null | grep -m1 '^data: {"event"')
[ -n "$EVENT" ] || fail "GET /render/jobs/stream sent no event within ${TIMEOUT} s"
case $EVENT in
  *'"event":"jobs.snapshot"'*"\"job_id\":\"$JOB\""*) echo "ok: SSE snapshot event lists the job" ;;
  *) fail "first SSE event is not a snapshot listing $JOB: ${EVENT:0:300}" ;;
esac

WS_URL="ws${URL#http}/render/jobs/ws?access_token=$TOKEN"
MESSAGE=$(java "$HERE/SmokeSocket.java" "$WS_URL" "$TIMEOUT" 2>&1) \
  || fail "WebSocket /render/jobs/ws: $MESSAGE"
case $MESSAGE in
  *'"type":"connected"'*"\"job_id\":\"$JOB\""*) echo "ok: WebSocket connected message lists the job" ;;
  *) fail "first WebSocket message is not the connected frame listing $JOB: ${MESSAGE:0:300}" ;;
esac

request GET "$HEALTH_URL/health/ready"
[ "$STATUS" = 200 ] || fail "GET $HEALTH_URL/health/ready answered $STATUS: $(head -c 500 "$BODY")"
grep -q '"render-job-store"' "$BODY" \
  || fail "GET $HEALTH_URL/health/ready lacks Trafalgar's checks: $(head -c 500 "$BODY")"
echo "ok: ready ($HEALTH_URL/health/ready)"
echo "smoke test passed: $URL"
