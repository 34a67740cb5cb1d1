/*
 * Trafalgar dashboard page (API.md 4.1 "Page behaviour", docs/browser-page.md).
 *
 * The entry module, loaded as <script type="module"> by the HTML of GET /, which carries only the
 * heading, the navigation list and <body data-projects="[...]" data-base-path="...">. It builds
 * the panels (one module each under modules/) after the server's content and wires the token,
 * the roles it grants and the two event streams. No framework, no build step, nothing from
 * outside the service; it runs under a Content-Security-Policy without inline script or style.
 */
import { el } from './modules/dom.js';
import { asArray } from './modules/format.js';
import { readToken, getJson } from './modules/api.js';
import { probeRoles, summary, noAccess } from './modules/roles.js';
import { LiveStream, RENDER_STREAM, INGEST_STREAM } from './modules/streams.js';
import { section } from './modules/card.js';
import { StudioPanel } from './modules/studio.js';
import { ProjectPanel } from './modules/project.js';
import { ReconciliationPanel } from './modules/reconciliation.js';
import { FeedPanel } from './modules/feed.js';
import { RenderPanel } from './modules/render.js';
import { IngestPanel } from './modules/ingest.js';
import { LiveIndicator, TokenForm } from './modules/toolbar.js';

const POLL_INTERVAL_MS = 30000;
const FIRST_SCREEN = 50;
const body = document.body;

let projects = [];
let readable = true;
try {
  const parsed = JSON.parse(body.dataset.projects || '[]');
  readable = Array.isArray(parsed);
  projects = asArray(parsed).map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
} catch (e) {
  readable = false;
}

const indicator = new LiveIndicator();
const studio = new StudioPanel(indicator.updated);
const project = new ProjectPanel(projects, readable);
const render = new RenderPanel();
const ingest = new IngestPanel();
const reconciliation = new ReconciliationPanel();
const feed = new FeedPanel();
let roles = noAccess('none', 'No dashboard token saved.');
let pollTimer = null;

const renderStream = new LiveStream(RENDER_STREAM, (name, data) => {
  feed.add('render', name, data);
  render.event(name, data);
  studio.request();
}, () => updateLive(), (name, jobs, first) => render.part(name, jobs, first));
const ingestStream = new LiveStream(INGEST_STREAM, (name, data) => {
  feed.add('ingest', name, data);
  ingest.event(name, data);
  studio.request();
}, () => updateLive());

const tokenForm = new TokenForm(() => tokenChanged());

const projectSection = section(projects.length ? 'Project' : 'Example project',
  'Pick any known project; the address keeps the choice so a link can be shared.',
  project.roots(), project.picker);
project.heading = projectSection.heading;

// One <main> landmark per page: reuse the server's if it has one.
const host = document.querySelector('main');
const main = el(host ? 'div' : 'main', { className: 'tg-main', id: 'tg-dashboard' },
  el('div', { className: 'tg-toolbar' },
    el('div', { className: 'tg-toolbar-status' }, indicator.root, indicator.updated,
      indicator.refresh),
    tokenForm.root),
  section('Studio', 'Live figures from /status.', studio.roots()),
  section('Render', 'Live render jobs: filter, open a job, submit a new one.', render.roots()),
  section('Ingest', 'The newest ingest runs, live; failed runs are marked.', ingest.roots()),
  projectSection,
  section('Reconciliation',
    'Mismatches between ShotGrid, the file system and S3, grouped by type and path.',
    [reconciliation.card.root]),
  section('Activity', 'The latest render and ingest events (needs a dashboard token).',
    [feed.card.root]));
body.classList.add('tg-js');
(host || body).appendChild(main);

indicator.refresh.addEventListener('click', () => loadAll());

function loadAll() {
  studio.request();
  project.load();
  reconciliation.load();
  if (roles.ingest) {
    ingest.load();
  }
}

async function tokenChanged() {
  renderStream.reset();
  ingestStream.reset();
  tokenForm.showState(null);
  project.loadDeliveries();
  studio.request();
  const asked = readToken();
  // The first screen of jobs comes from the REST list, asked beside the role probes: the
  // stream's snapshot of the whole history (10,000 jobs are megabytes) follows and replaces it.
  const newest = asked ? getJson('/render/jobs?limit=' + FIRST_SCREEN, { auth: true }) : null;
  roles = readToken() ? await probeRoles() : noAccess('none', 'No dashboard token saved.');
  performance.mark('tg-roles-known');
  if (asked !== readToken()) {
    return; // the token changed again while asking
  }
  tokenForm.showState(roles);
  render.setAccess(roles);
  if (roles.read) {
    renderStream.open();
    newest.then((first) => {
      if (first.ok && asked === readToken() && Array.isArray(first.data?.jobs)) {
        render.preview(first.data.jobs);
      }
    });
  }
  if (roles.ingest) {
    ingest.load();
    ingestStream.open();
  } else {
    let why = roles.message;
    if (roles.state === 'ok') {
      why = 'This credential may not read ingest runs (HTTP ' + roles.ingestStatus
        + ': it lacks ingest:read).';
    } else if (roles.state === 'none') {
      why = 'Save a dashboard token to see ingest runs.';
    }
    ingest.unavailable(why);
  }
  feed.waiting(roles.read || roles.ingest ? 'Waiting for events\u2026'
    : 'Save a dashboard token with read access to follow render and ingest events live.');
  updateLive();
}

function updateLive() {
  const streams = [renderStream, ingestStream].filter((s) => s.state !== 'off');
  const mode = indicator.show(streams, roles);
  // Anything short of every permitted stream open falls back to the 30 s poll of /status.
  if (mode !== 'connected' && pollTimer === null) {
    pollTimer = setInterval(() => studio.request(), POLL_INTERVAL_MS);
  } else if (mode === 'connected' && pollTimer !== null) {
    clearInterval(pollTimer);
    pollTimer = null;
  }
}

// Handles for the browser tests (e.g. to show the form a farm without chunking, which no built-in
// farm is); nothing in the page reads them.
window.trafalgar = {
  render, ingest, project, summary: () => summary(roles),
  streams: { render: renderStream, ingest: ingestStream },
};

project.fromLocation();
loadAll();
tokenChanged();
window.addEventListener('pagehide', () => {
  renderStream.close();
  ingestStream.close();
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    tokenChanged();
    loadAll();
  }
});
