/*
 * The project picker and the project cards. The choice lives in the URL (#project=Atlas%20Rising,
 * percent-encoded like the navigation links) so that a link can be shared; back and forward follow
 * it. Without a valid choice the first known project is shown.
 */
import { el, table, figures, uid } from './dom.js';
import {
  isObject, asArray, asNumber, text, count, timestamp, bytes, breakdown, byTone, encodeSegment,
  plural, DASH,
} from './format.js';
import { getJson, readToken } from './api.js';
import { Card } from './card.js';

/** The project named by a location hash such as "#project=Atlas%20Rising", or null. */
export function projectFromHash(hash) {
  const match = /(?:^#|&)project=([^&]*)/.exec(hash || '');
  if (!match) {
    return null;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch (e) {
    return null;
  }
}

export class ProjectPanel {
  constructor(projects, readable) {
    this.projects = projects;
    this.readable = readable;
    this.current = null;
    this.summary = new Card('Summary', { span: 'half' });
    this.deliveries = new Card('Deliveries', { span: 'half' });
    this.episodes = new Card('Episode breakdown');
    const id = uid('tg-project');
    this.select = el('select', { id, className: 'tg-select', name: 'project' },
      projects.map((p) => el('option', { value: p, text: p })));
    this.select.addEventListener('change', () => this.choose(this.select.value, true));
    this.picker = el('div', { className: 'tg-picker' },
      el('label', { for: id, text: 'Project' }),
      this.select,
      el('span', { className: 'tg-section-note', text: projects.length > 0
        ? plural(projects.length, 'known project', 'known projects') : 'no known project' }));
    this.select.disabled = projects.length === 0;
    this.heading = null;
    window.addEventListener('hashchange', () => this.fromLocation());
    window.addEventListener('popstate', () => this.fromLocation());
  }

  roots() {
    return [this.summary.root, this.deliveries.root, this.episodes.root];
  }

  /** Called once the section exists: picks the project of the URL and loads it. */
  fromLocation() {
    const wanted = projectFromHash(window.location.hash);
    const project = wanted !== null && this.projects.includes(wanted) ? wanted
      : (this.projects[0] ?? null);
    if (project !== this.current) {
      this.choose(project, false);
    }
  }

  choose(project, remember) {
    this.current = project;
    if (project !== null) {
      this.select.value = project;
      if (remember) {
        // pushState keeps back/forward; the hash never reaches the server.
        window.history.pushState(null, '', '#project=' + encodeSegment(project));
      }
    }
    if (this.heading) {
      this.heading.textContent = project === null ? 'Project' : 'Project: ' + project;
    }
    this.load();
  }

  load() {
    const project = this.current;
    if (project === null) {
      const why = this.readable ? 'No project is known yet.'
        : 'The project list of this page is unreadable.';
      [this.summary, this.episodes, this.deliveries].forEach((c) => c.message(why));
      return;
    }
    const p = encodeSegment(project);
    [this.summary, this.episodes, this.deliveries].forEach((c) => {
      c.meta.textContent = '';
      c.message('Loading ' + project + '\u2026');
    });
    this.loadInto(this.summary, '/projects/' + p, 'Summary', (d) => this.showSummary(d));
    this.loadInto(this.episodes, '/projects/' + p + '/episodes', 'Episodes',
      (d) => this.showEpisodes(d));
    this.loadDeliveries();
  }

  loadDeliveries() {
    const project = this.current;
    if (project === null) {
      return;
    }
    const withToken = Boolean(readToken());
    this.loadInto(this.deliveries, '/deliveries/' + encodeSegment(project), 'Deliveries',
      (d) => this.showDeliveries(d, withToken), { auth: true });
  }

  async loadInto(card, path, what, show, options) {
    const asked = this.current;
    const result = await getJson(path, options);
    if (asked !== this.current) {
      return; // the user picked another project meanwhile
    }
    if (result.ok && result.data !== null) {
      show(result.data);
    } else {
      card.fail(result.ok ? { status: result.status, message: 'Unexpected response.' } : result,
        what);
    }
  }

  showSummary(summary) {
    const versions = asNumber(summary.versions);
    const approved = asNumber(summary.approved_versions);
    const share = versions && approved !== null ? Math.round((approved / versions) * 100) : null;
    const latest = asArray(summary.latest_published).filter(isObject).map((v) =>
      [text(v.shot), text(v.version), text(v.user), timestamp(v.timestamp)]);
    this.summary.show(
      figures([
        { label: 'Episodes', value: count(summary.episodes) },
        { label: 'Shots', value: count(summary.shots) },
        { label: 'Versions', value: count(summary.versions) },
        { label: 'Approved', value: [count(summary.approved_versions),
          share === null ? null : el('small', { text: ' (' + share + ' %)' })],
        cls: 'tg-figure-good' },
      ]),
      el('h4', { text: 'Status totals' }),
      breakdown(summary.status_totals, byTone, 'No versions.'),
      el('h4', { text: 'Latest published' }),
      latest.length === 0 ? el('p', { className: 'tg-empty', text: 'Nothing published yet.' })
        : table('Latest published versions', ['Shot', 'Version', 'Artist', 'Published'], latest));
  }

  showEpisodes(data) {
    const rows = asArray(data.episodes).filter(isObject).map((e) =>
      [text(e.episode), count(e.shots), count(e.versions), statusLine(e.status_counts)]);
    this.episodes.meta.textContent = plural(rows.length, 'episode', 'episodes');
    this.episodes.show(rows.length === 0 ? el('p', { className: 'tg-empty', text: 'No episodes.' })
      : table('Episodes', ['Episode', 'Shots', 'Versions', 'Status counts'], rows, [1, 2]));
  }

  showDeliveries(list, withToken) {
    const deliveries = asArray(list).filter(isObject);
    this.deliveries.meta.textContent = plural(deliveries.length, 'delivery', 'deliveries');
    if (deliveries.length === 0) {
      this.deliveries.show(el('p', { className: 'tg-empty',
        text: 'No deliveries for this project.' }));
      return;
    }
    const items = deliveries.map((d) => {
      const files = asArray(d.items).filter(isObject);
      const size = files.reduce((sum, f) => sum + (asNumber(f.size) || 0), 0);
      const fileCount = asNumber(d.file_count);
      return el('li', { className: 'tg-delivery' },
        el('div', { className: 'tg-delivery-head' },
          el('span', { className: 'tg-delivery-name', text: text(d.name) }),
          timestamp(d.created_at)),
        el('div', { className: 'tg-delivery-meta' },
          el('code', { text: text(d.delivery_id) }),
          el('span', { text: count(fileCount) + (fileCount === 1 ? ' file' : ' files')
            + ' \u00b7 ' + bytes(size) }),
          d.archive ? el('span', null, 'archive ', el('code', { text: text(d.archive) })) : null,
          typeof d.manifest_api === 'string'
            ? el('span', null, 'manifest API ', el('code', { text: d.manifest_api })) : null),
        files.length === 0 ? null : el('details', null,
          el('summary', { text: 'Files' }),
          table('Files of ' + text(d.name), ['Path', 'Size', 'Checksum'], files.map((f) =>
            [text(f.path), bytes(f.size), el('code', { text: text(f.checksum) })]), [1])));
    });
    this.deliveries.show(
      el('ul', { className: 'tg-deliveries' }, items),
      withToken ? null : el('p', { className: 'tg-hint',
        text: 'Save the dashboard token to see manifest API links.' }));
  }
}

function statusLine(counts) {
  if (!isObject(counts) || Object.keys(counts).length === 0) {
    return document.createTextNode(DASH);
  }
  return el('span', { className: 'tg-status-line' }, Object.keys(counts).map((key) =>
    el('span', { className: 'tg-chip' },
      el('span', { className: 'tg-swatch ' + byTone(key), 'aria-hidden': 'true' }),
      key + ' ' + count(counts[key]))));
}
