/*
 * What the stored credential may do. There is no "who am I" route, so the page asks harmless
 * questions whose answer depends on the role and nothing else (API.md 2.5: authentication and
 * roles are checked before the request input; docs/browser-page.md "Roles"):
 *   render:read   GET /render/farms                    200 (and the farms) or 403
 *   render:submit POST /render/jobs with no body       422 (body missing: nothing created) or 403
 *   render:manage DELETE /render/jobs/<impossible id>  404 (no such job: nothing changes) or 403
 *   ingest:read   GET /ingest/runs?limit=1             200 or 403
 * A 401 on any of them means the token itself was refused; a 503 that no credential is configured.
 */
import { request, readToken } from './api.js';
import { isObject, asArray } from './format.js';

export const PROBE_JOB_ID = '~trafalgar-role-probe~';

export function noAccess(state, message) {
  return { state, message, read: false, submit: false, manage: false, ingest: false, farms: [] };
}

export async function probeRoles() {
  if (!readToken()) {
    return noAccess('none', 'No dashboard token saved.');
  }
  const [farms, submit, manage, ingest] = await Promise.all([
    request('GET', '/render/farms', { auth: true }),
    request('POST', '/render/jobs', { auth: true }),
    request('DELETE', '/render/jobs/' + encodeURIComponent(PROBE_JOB_ID), { auth: true }),
    request('GET', '/ingest/runs?limit=1', { auth: true }),
  ]);
  const all = [farms, submit, manage, ingest];
  const refused = all.find((r) => r.status === 401);
  if (refused) {
    return noAccess('invalid', 'The token was refused (HTTP 401: ' + refused.message + ')');
  }
  const unconfigured = all.find((r) => r.status === 503);
  if (unconfigured && all.every((r) => r.status === 503)) {
    return noAccess('unconfigured', 'HTTP 503: ' + unconfigured.message);
  }
  if (all.some((r) => r.status === 0)) {
    return noAccess('offline', 'The service could not be reached.');
  }
  return {
    state: 'ok',
    message: '',
    read: farms.ok,
    submit: submit.status === 422,
    manage: manage.status === 404,
    ingest: ingest.ok,
    farms: farms.ok && isObject(farms.data) ? asArray(farms.data.farms).filter(isObject) : [],
    readStatus: farms.status,
    ingestStatus: ingest.status,
  };
}

/** "render: read, submit, cancel · ingest: read" for the toolbar. */
export function summary(roles) {
  if (roles.state !== 'ok') {
    return roles.message;
  }
  const render = [roles.read && 'read', roles.submit && 'submit', roles.manage && 'cancel']
    .filter(Boolean);
  return 'Render: ' + (render.length ? render.join(', ') : 'no access')
    + ' \u00b7 Ingest: ' + (roles.ingest ? 'read' : 'no access');
}
