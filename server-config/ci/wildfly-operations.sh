#!/usr/bin/env bash
# CI: docs/operations.md's WildFly steps, run as written on the build's unpacked WildFly (already
# configured by server-config/wildfly/configure-trafalgar.cli), each checked:
# configuration (a system property through the CLI, an environment variable), start, deploy by
# copying the WAR into standalone/deployments, server-config/smoke.sh, the management model the
# console shows, the server log, upgrade by copying a new WAR over the old one (the job history
# stays), smoke again, undeploy, shutdown. Exits non-zero on the first failure.
# Environment (pom.xml, exec wildfly-operations): JBOSS_HOME, WAR, PORT_OFFSET, WORK.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${JBOSS_HOME:?}" "${WAR:?}" "${PORT_OFFSET:=0}" "${WORK:?}"
HTTP="http://127.0.0.1:$((8080 + PORT_OFFSET))"
MANAGEMENT="127.0.0.1:$((9990 + PORT_OFFSET))"
TOKEN="wildfly-operations-$RANDOM$RANDOM"
DEPLOYMENTS="$JBOSS_HOME/standalone/deployments"
LOG="$JBOSS_HOME/standalone/log/server.log"
rm -rf "$WORK" && mkdir -p "$WORK/data"
SERVER_PID=

step() { echo "[wildfly-operations] $*"; }
fail() { echo "[wildfly-operations] FAIL: $*" >&2; exit 1; }
cli() { "$JBOSS_HOME/bin/jboss-cli.sh" "$@"; }
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    cli --connect --controller="$MANAGEMENT" --command=:shutdown >/dev/null 2>&1 \
      || kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -f "$DEPLOYMENTS"/trafalgar.war*
  # the system property is part of this run only (the ITs must not see it on a rerun)
  cli --commands="embed-server --server-config=standalone-microprofile.xml,/system-property=trafalgar.dashboard.token:remove,stop-embedded-server" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# "wait_for FILE SECONDS": a deployment marker appears (or .failed does)
wait_for_marker() {
  local marker=$1 deadline=$((SECONDS + $2))
  while [ ! -e "$marker" ]; do
    [ -e "$DEPLOYMENTS/trafalgar.war.failed" ] \
      && fail "deployment failed: $(cat "$DEPLOYMENTS/trafalgar.war.failed")"
    kill -0 "$SERVER_PID" 2>/dev/null || fail "WildFly exited; see $LOG"
    [ $SECONDS -lt $deadline ] || fail "no $(basename "$marker") after $2 s; see $LOG"
    sleep 1
  done
}

step "configure: the dashboard token as a server system property (CLI), the job store by environment"
cli --commands="embed-server --server-config=standalone-microprofile.xml,/system-property=trafalgar.dashboard.token:add(value=$TOKEN),stop-embedded-server" >/dev/null

step "start standalone-microprofile.xml (port offset $PORT_OFFSET)"
rm -f "$DEPLOYMENTS"/trafalgar.war*
LAUNCH_JBOSS_IN_BACKGROUND=1 TRAFALGAR_RENDER_JOBS_PATH="$WORK/data/render-jobs.json" \
  "$JBOSS_HOME/bin/standalone.sh" -c standalone-microprofile.xml \
  -Djboss.socket.binding.port-offset="$PORT_OFFSET" >"$WORK/console.out" 2>&1 &
SERVER_PID=$!

step "deploy: copy the WAR into standalone/deployments"
cp "$WAR" "$DEPLOYMENTS/trafalgar.war"
wait_for_marker "$DEPLOYMENTS/trafalgar.war.deployed" 300

step "smoke test"
bash "$HERE/../smoke.sh" "$HTTP" "$TOKEN" "http://$MANAGEMENT"
FIRST_JOB=$(curl -sS -H "Authorization: Bearer $TOKEN" "$HTTP/render/jobs" \
  | grep -o '"job_id":"[^"]*"' | head -1 | cut -d'"' -f4)
[ -e "$WORK/data/render-jobs.json" ] \
  || fail "no job store at $WORK/data/render-jobs.json: the environment did not reach the server"

step "the management model (what the console shows): status OK at context root /"
STATUS=$(cli --connect --controller="$MANAGEMENT" \
  --command="/deployment=trafalgar.war:read-attribute(name=status)")
echo "$STATUS" | grep -q '"result" => "OK"' || fail "deployment status: $STATUS"
ROOT=$(cli --connect --controller="$MANAGEMENT" \
  --command="/deployment=trafalgar.war/subsystem=undertow:read-attribute(name=context-root)")
echo "$ROOT" | grep -q '"result" => "/"' || fail "context root: $ROOT"

step "the console's HTTP management API, with a management user from add-user.sh"
CONSOLE_USER=trafalgar-ci
CONSOLE_PASSWORD="Ci-$RANDOM-$RANDOM!"
"$JBOSS_HOME/bin/add-user.sh" -u "$CONSOLE_USER" -p "$CONSOLE_PASSWORD" --silent
VIEW=$(curl -sS --digest -u "$CONSOLE_USER:$CONSOLE_PASSWORD" \
  "http://$MANAGEMENT/management/deployment/trafalgar.war?operation=attribute&name=status")
[ "$VIEW" = '"OK"' ] || fail "management API view of trafalgar.war: ${VIEW:0:300}"

step "logs: the application's start-up lines are in standalone/log/server.log"
grep -q 'com.trafalgar.render.RenderService.*Render farms:' "$LOG" \
  || fail "no Trafalgar start-up line in $LOG"

step "upgrade: copy the new WAR over the old one (the scanner redeploys it)"
replaced() { grep -c 'WFLYSRV0016: Replaced deployment "trafalgar.war"' "$LOG" || true; }
BEFORE=$(replaced)
cp "$WAR" "$WORK/trafalgar.war" && touch "$WORK/trafalgar.war"
mv "$WORK/trafalgar.war" "$DEPLOYMENTS/trafalgar.war"
deadline=$((SECONDS + 300))
until [ "$(replaced)" -gt "$BEFORE" ]; do
  [ -e "$DEPLOYMENTS/trafalgar.war.failed" ] && fail "redeployment failed"
  [ $SECONDS -lt $deadline ] || fail "WAR not redeployed after 300 s; see $LOG"
  sleep 1
done
wait_for_marker "$DEPLOYMENTS/trafalgar.war.deployed" 60
bash "$HERE/../smoke.sh" "$HTTP" "$TOKEN" "http://$MANAGEMENT"
curl -sS -H "Authorization: Bearer $TOKEN" "$HTTP/render/jobs/$FIRST_JOB" | grep -q "\"job_id\":\"$FIRST_JOB\"" \
  || fail "job $FIRST_JOB from before the upgrade is gone"
step "the job history survived the upgrade ($FIRST_JOB)"

step "undeploy: remove the WAR"
rm -f "$DEPLOYMENTS/trafalgar.war"
wait_for_marker "$DEPLOYMENTS/trafalgar.war.undeployed" 120

step "shutdown"
cli --connect --controller="$MANAGEMENT" --command=:shutdown >/dev/null
wait "$SERVER_PID" || true
SERVER_PID=
step "all steps passed"
