#!/usr/bin/env bash
# CI: docs/operations.md's Payara Server steps, run as written against the domain the build
# created and configured (create-domain, start-domain, configure-trafalgar.asadmin,
# restart-domain), each checked: configuration (an environment variable given to start-domain, a
# system property through asadmin), deploy at context root /, server-config/smoke.sh, what the
# admin console shows (its REST view), the server log, upgrade by redeploy (the job history
# stays), smoke again, undeploy. Always stops the domain at the end.
# Environment (pom.xml, exec payara-server-operations): ASADMIN, DOMAIN, ADMIN_PORT, HTTP_PORT,
# WAR, WORK.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ASADMIN:?}" "${DOMAIN:?}" "${ADMIN_PORT:?}" "${HTTP_PORT:?}" "${WAR:?}" "${WORK:?}"
HTTP="http://127.0.0.1:$HTTP_PORT"
ADMIN="http://127.0.0.1:$ADMIN_PORT"
TOKEN="payara-operations-$RANDOM$RANDOM"
LOG="$(cd "$(dirname "$ASADMIN")/.." && pwd)/glassfish/domains/$DOMAIN/logs/server.log"
rm -rf "$WORK" && mkdir -p "$WORK/data"

step() { echo "[payara-server-operations] $*"; }
fail() { echo "[payara-server-operations] FAIL: $*" >&2; exit 1; }
asadmin() { "$ASADMIN" --port "$ADMIN_PORT" "$@"; }
cleanup() {
  asadmin undeploy trafalgar >/dev/null 2>&1 || true
  asadmin delete-system-property trafalgar.dashboard.token >/dev/null 2>&1 || true
  "$ASADMIN" stop-domain "$DOMAIN" >/dev/null 2>&1 || true
  echo "[payara-server-operations] domain $DOMAIN stopped"
}
trap cleanup EXIT

step "configure: the job store by environment (restart the domain with it)"
"$ASADMIN" stop-domain "$DOMAIN" >/dev/null
env -u TRAFALGAR_DASHBOARD_TOKEN TRAFALGAR_RENDER_JOBS_PATH="$WORK/data/render-jobs.json" \
  "$ASADMIN" start-domain "$DOMAIN" >/dev/null

step "configure: the dashboard token as a server system property (asadmin create-system-properties)"
asadmin create-system-properties "trafalgar.dashboard.token=$TOKEN" >/dev/null

step "deploy: asadmin deploy --contextroot / --name trafalgar"
asadmin deploy --contextroot / --name trafalgar "$WAR" >/dev/null

step "smoke test"
bash "$HERE/../smoke.sh" "$HTTP" "$TOKEN"
FIRST_JOB=$(curl -sS -H "Authorization: Bearer $TOKEN" "$HTTP/render/jobs" \
  | grep -o '"job_id":"[^"]*"' | head -1 | cut -d'"' -f4)
[ -e "$WORK/data/render-jobs.json" ] \
  || fail "no job store at $WORK/data/render-jobs.json: the environment did not reach the server"

step "what the admin console shows: the application, enabled, at context root /"
asadmin list-applications | grep -q '^trafalgar ' || fail "list-applications: no trafalgar"
asadmin show-component-status trafalgar | grep -q 'enabled' || fail "trafalgar is not enabled"
APP=$(curl -sS -H 'Accept: application/json' "$ADMIN/management/domain/applications/application/trafalgar")
echo "$APP" | grep -q '"contextRoot":"/"' || fail "REST view of trafalgar: ${APP:0:300}"
PROPS=$(asadmin list-system-properties)
echo "$PROPS" | grep -q '^trafalgar.dashboard.token=' || fail "system property not listed: $PROPS"

step "logs: the application's start-up lines are in domains/$DOMAIN/logs/server.log"
grep -q 'Render farms:' "$LOG" || fail "no Trafalgar start-up line in $LOG"

step "upgrade: asadmin redeploy --name trafalgar"
asadmin redeploy --name trafalgar "$WAR" >/dev/null
bash "$HERE/../smoke.sh" "$HTTP" "$TOKEN"
curl -sS -H "Authorization: Bearer $TOKEN" "$HTTP/render/jobs/$FIRST_JOB" \
  | grep -q "\"job_id\":\"$FIRST_JOB\"" || fail "job $FIRST_JOB from before the upgrade is gone"
step "the job history survived the upgrade ($FIRST_JOB)"

step "undeploy: asadmin undeploy trafalgar"
asadmin undeploy trafalgar >/dev/null
CODE=$(curl -sS -o /dev/null -w '%{http_code}' "$HTTP/render/farms")
[ "$CODE" = 404 ] || fail "after undeploy /render/farms answered $CODE"
step "all steps passed"
