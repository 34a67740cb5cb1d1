/* The studio cards from GET /status, refreshed at most once per second however many events come. */
import { el, figures, table, pairs } from './dom.js';
import {
  isObject, asArray, asNumber, count, timestamp, duration, breakdown, byTone, byIndex, clockTime,
  DASH,
} from './format.js';
import { getJson } from './api.js';
import { Card } from './card.js';

const MIN_STATUS_GAP_MS = 1000;

export class StudioPanel {
  constructor(updated) {
    this.updated = updated;
    this.overview = new Card('Production overview');
    this.render = new Card('Render jobs', { span: 'half' });
    this.ingest = new Card('Ingest runs', { span: 'half' });
    this.review = new Card('Review');
    this.overview.root.classList.add('tg-card-bare');
    this.cards = [this.overview, this.render, this.ingest, this.review];
    this.inFlight = false;
    this.again = false;
    this.timer = null;
    this.lastStart = 0;
    this.shown = new Map(); // card -> the JSON it shows: an unchanged card is not rebuilt
  }

  roots() {
    return this.cards.map((c) => c.root);
  }

  /** Asks for a /status refresh; coalesced so that fetches start at most once per second. */
  request() {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (this.timer !== null) {
      return;
    }
    const wait = Math.max(0, this.lastStart + MIN_STATUS_GAP_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.load();
    }, wait);
  }

  async load() {
    this.inFlight = true;
    this.lastStart = Date.now();
    const result = await getJson('/status');
    if (result.ok && isObject(result.data)) {
      const status = result.data;
      // While jobs stream in, only the render figures move: rebuilding the other cards once a
      // second only cost the page style and layout work.
      this.showIfChanged(this.overview, [status.projects, status.shots, status.versions,
        status.errors], () => this.showOverview(status));
      const section = (name) => (isObject(status[name]) ? status[name] : {});
      this.showIfChanged(this.render, section('render'), () => this.showRender(section('render')));
      this.showIfChanged(this.ingest, section('ingest'), () => this.showIngest(section('ingest')));
      this.showIfChanged(this.review, section('review'), () => this.showReview(section('review')));
      this.updated.textContent = 'Updated ' + clockTime(new Date());
    } else {
      const failure = result.ok ? { status: result.status, message: 'Unexpected response.' }
        : result;
      this.cards.forEach((card) => card.fail(failure, 'Status'));
      this.shown.clear();
    }
    this.inFlight = false;
    if (this.again) {
      this.again = false;
      this.request();
    }
  }

  showIfChanged(card, data, show) {
    const json = JSON.stringify(data);
    if (this.shown.get(card) !== json) {
      show();
      this.shown.set(card, json);
    }
  }

  showOverview(status) {
    const errors = asNumber(status.errors);
    this.overview.show(el('div', { className: 'tg-tiles' }, [
      ['Projects', status.projects, null],
      ['Shots', status.shots, null],
      ['Versions', status.versions, null],
      ['Open errors', status.errors, errors ? 'tg-tile-alert' : null],
    ].map(([label, value, cls]) => el('div', { className: 'tg-tile' + (cls ? ' ' + cls : '') },
      el('span', { className: 'tg-tile-label', text: label }),
      el('span', { className: 'tg-tile-value', text: count(value) })))));
  }

  showRender(r) {
    this.render.meta.textContent = count(r.jobs) + ' jobs';
    this.render.show(
      el('h4', { text: 'By status' }),
      breakdown(r.by_status, byTone, 'No render jobs.'),
      el('h4', { text: 'By farm' }),
      breakdown(r.by_farm, byIndex, 'No render jobs.'));
  }

  showIngest(i) {
    const counts = isObject(i.counts) ? i.counts : {};
    const streak = asNumber(i.failure_streak);
    const sample = asNumber(i.sample_window);
    this.ingest.meta.textContent = 'newest ' + (sample === null ? 10 : sample) + ' runs';
    this.ingest.show(
      figures([
        { label: 'Runs', value: count(counts.total) },
        { label: 'Successful', value: count(counts.successful), cls: 'tg-figure-good' },
        { label: 'Failed', value: count(counts.failed),
          cls: asNumber(counts.failed) ? 'tg-figure-bad' : null },
        { label: 'Running', value: count(counts.running), cls: 'tg-figure-active' },
      ]),
      pairs([
        ['Last success', timestamp(i.last_success_at)],
        ['Failure streak', streak
          ? el('span', { className: 'tg-badge tg-tone-bad', text: streak + ' failed in a row' })
          : el('span', { className: 'tg-badge tg-tone-good', text: streak === 0 ? 'none' : DASH })],
      ]));
  }

  showReview(r) {
    const totals = isObject(r.totals) ? r.totals : {};
    const rows = asArray(r.projects).filter(isObject).map((p) => [String(p.project ?? DASH),
      count(p.playlists), count(p.clips), count(p.shots), duration(p.duration_seconds)]);
    this.review.show(
      figures([
        { label: 'Projects', value: count(totals.projects) },
        { label: 'Playlists', value: count(totals.playlists) },
        { label: 'Clips', value: count(totals.clips) },
        { label: 'Shots', value: count(totals.shots) },
        { label: 'Running time', value: duration(totals.duration_seconds) },
      ]),
      rows.length === 0 ? el('p', { className: 'tg-empty', text: 'No review playlists.' })
        : table('Review per project', ['Project', 'Playlists', 'Clips', 'Shots', 'Running time'],
          rows, [1, 2, 3, 4]));
  }
}
