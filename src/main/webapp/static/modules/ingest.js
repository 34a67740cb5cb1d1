/*
 * The newest ingest runs (GET /ingest/runs, then live from the ingest stream) and one run's
 * detail. A completed run with invalid files is a failed run (API.md 9.9): it is marked in the
 * list and its invalid files lead its detail.
 */
import { el, replace, table, pairs } from './dom.js';
import { isObject, asArray, asNumber, text, count, timestamp, plural } from './format.js';
import { request } from './api.js';
import { Card } from './card.js';

const NEWEST = 20;

export function runOutcome(run) {
  const status = String(run.status ?? '').trim().toLowerCase();
  if (status === 'running') {
    return 'running';
  }
  const report = isObject(run.report) ? run.report : {};
  const invalid = asNumber(report.invalid_count) ?? asArray(report.invalid).length;
  if (status === 'completed') {
    return invalid > 0 ? 'failed' : 'successful';
  }
  return status || 'unknown';
}

function started(run) {
  const t = Date.parse(run.started_at);
  return Number.isNaN(t) ? -Infinity : t;
}

const TONE = { running: 'active', failed: 'bad', successful: 'good' };

export class IngestPanel {
  constructor() {
    this.runs = new Map();
    this.card = new Card('Ingest runs', { id: 'tg-ingest-card' });
    this.detail = new Card('Run detail', { id: 'tg-run-detail' });
    this.detail.title.tabIndex = -1;
    this.detail.root.hidden = true;
    this.selected = null;
    this.opener = null;
    const close = el('button', { type: 'button', className: 'tg-button tg-button-quiet',
      text: 'Close detail' });
    close.addEventListener('click', () => this.hide());
    this.detail.meta.replaceChildren(close);
  }

  roots() {
    return [this.card.root, this.detail.root];
  }

  async load() {
    const answer = await request('GET', '/ingest/runs?limit=' + NEWEST, { auth: true });
    if (!answer.ok || !Array.isArray(answer.data)) {
      this.card.fail(answer.ok ? { status: answer.status, message: 'Unexpected response.' }
        : answer, 'Ingest runs');
      return;
    }
    this.replaceAll(answer.data);
  }

  unavailable(message) {
    this.runs.clear();
    this.card.message(message);
    this.detail.root.hidden = true;
  }

  /** An ingest stream event. */
  event(name, data) {
    if (name === 'runs.snapshot') {
      this.replaceAll(asArray(data.runs));
    } else if ((name === 'run.created' || name === 'run.updated') && isObject(data.run)) {
      this.runs.set(String(data.run.id), data.run);
      this.draw();
    } else if (name === 'run.removed' && isObject(data.run)) {
      this.runs.delete(String(data.run.id));
      this.draw();
    }
  }

  replaceAll(list) {
    this.runs = new Map(list.filter(isObject).map((run) => [String(run.id), run]));
    this.draw();
  }

  newest() {
    return Array.from(this.runs.values()).sort((a, b) => started(b) - started(a)).slice(0, NEWEST);
  }

  draw() {
    const focused = document.activeElement?.dataset?.runId;
    const runs = this.newest();
    const failed = runs.filter((r) => runOutcome(r) === 'failed').length;
    this.card.meta.textContent = 'newest ' + runs.length
      + (failed ? ' \u00b7 ' + plural(failed, 'failed', 'failed') : '');
    if (runs.length === 0) {
      this.card.show(el('p', { className: 'tg-empty', text: 'No ingest runs recorded.' }));
    } else {
      const rows = runs.map((run) => {
        const outcome = runOutcome(run);
        const report = isObject(run.report) ? run.report : {};
        const open = el('button', { type: 'button', className: 'tg-link-button',
          'data-run-id': String(run.id), text: String(run.id),
          'aria-label': 'Details of run ' + run.id });
        open.addEventListener('click', () => this.open(String(run.id), open));
        return [open,
          el('span', { className: 'tg-badge tg-tone-' + (TONE[outcome] || 'neutral'),
            text: outcome }),
          timestamp(run.started_at), timestamp(run.completed_at),
          count(report.processed_count), count(report.invalid_count)];
      });
      const view = table('Ingest runs, newest first',
        ['Run', 'Outcome', 'Started', 'Completed', 'Processed', 'Invalid'], rows, [4, 5]);
      view.querySelectorAll('tbody tr').forEach((tr, i) => {
        if (runOutcome(runs[i]) === 'failed') {
          tr.classList.add('tg-row-failed');
        }
      });
      this.card.show(view);
      if (focused) {
        // The list was redrawn under the keyboard user: keep the focus on the same run.
        view.querySelector('[data-run-id="' + CSS.escape(focused) + '"]')?.focus();
      }
    }
    if (this.selected !== null) {
      this.drawDetail();
    }
  }

  async open(runId, opener) {
    this.selected = runId;
    this.opener = opener;
    this.openerId = runId;
    this.detail.root.hidden = false;
    this.drawDetail();
    this.detail.title.focus();
    const answer = await request('GET', '/ingest/runs/' + encodeURIComponent(runId),
      { auth: true });
    if (this.selected !== runId) {
      return;
    }
    if (answer.ok && isObject(answer.data)) {
      this.runs.set(runId, answer.data);
      this.drawDetail();
    } else {
      this.detail.fail(answer, 'Run');
    }
  }

  hide() {
    this.selected = null;
    this.detail.root.hidden = true;
    const again = this.opener && this.opener.isConnected ? this.opener
      : document.querySelector('[data-run-id="' + CSS.escape(String(this.openerId)) + '"]');
    if (again) {
      again.focus();
    }
  }

  drawDetail() {
    const run = this.runs.get(this.selected);
    this.detail.title.textContent = 'Run ' + this.selected;
    if (!run) {
      this.detail.message('This run is no longer in the registry.');
      return;
    }
    const outcome = runOutcome(run);
    const report = isObject(run.report) ? run.report : {};
    const invalid = asArray(report.invalid).filter(isObject);
    const processed = asArray(report.processed).filter(isObject);
    this.detail.show(
      pairs([
        ['Outcome', el('span', { className: 'tg-badge tg-tone-' + (TONE[outcome] || 'neutral'),
          text: outcome })],
        ['Started', timestamp(run.started_at)],
        ['Completed', timestamp(run.completed_at)],
        ['Processed', count(report.processed_count)],
        ['Invalid', count(report.invalid_count)],
      ]),
      el('h4', { text: 'Invalid files' }),
      invalid.length === 0 ? el('p', { className: 'tg-empty', text: 'None.' })
        : el('div', { className: 'tg-failure' }, table('Invalid files of run ' + run.id,
          ['Path', 'Reason'], invalid.map((i) => [el('code', { className: 'tg-path',
            text: text(i.path) }), text(i.reason)]))),
      el('h4', { text: 'Processed files' }),
      processed.length === 0 ? el('p', { className: 'tg-empty', text: 'None.' })
        : table('Processed files of run ' + run.id, ['Path', 'Bucket', 'Key', 'Shot'],
          processed.map((p) => [el('code', { className: 'tg-path', text: text(p.path) }),
            text(p.bucket), el('code', { className: 'tg-path', text: text(p.key) }),
            text(isObject(p.media_info) ? p.media_info.shot : null)])));
  }

}
