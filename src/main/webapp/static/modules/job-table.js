/*
 * The render job table. Only the rows in view are in the DOM (a window of ~20 rows over a scroll
 * box, with spacer rows above and below), so 10,000 jobs cost no more to draw than 20. Filters by
 * status and farm apply to the whole model; the table keeps its rows and row indexes accessible
 * (aria-rowcount / aria-rowindex).
 */
import { el, replace, uid } from './dom.js';
import { DASH, text, statusBadge, utc, clockTime, count } from './format.js';
import { frameCount } from './frames.js';
import { isTerminal } from './job-model.js';

const ROW_HEIGHT = 38; // px, equal to .tg-jobs tbody tr in styles/panels.css
const HEAD_HEIGHT = 36; // px, equal to .tg-jobs thead tr
const VIEW_ROWS = 12;
const OVERSCAN = 6;
const COLUMNS = ['Job', 'Status', 'Farm', 'Scene', 'Frames', 'Priority', 'Submitted', 'Updated',
  'Progress'];

function progress(job) {
  if (typeof job.progress === 'number' && Number.isFinite(job.progress)) {
    return Math.max(0, Math.min(100, Math.round(job.progress)));
  }
  const status = String(job.status ?? '').trim().toLowerCase();
  if (status === 'completed') {
    return 100;
  }
  if (status === 'queued' || status === 'submitted') {
    return 0;
  }
  return null;
}

export function submittedText(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? text(value) : utc(date);
}

export class JobTable {
  /** onOpen(jobId, button): the user asked for a job's detail. */
  constructor(model, onOpen) {
    this.model = model;
    this.onOpen = onOpen;
    this.status = '';
    this.farm = '';
    this.rows = [];
    this.filteredVersion = -1;
    this.firstDrawn = false;
    this.selected = null;
    this.cache = new Map(); // job_id -> the row drawn for it, while it is in view
    this.top = spacer();
    this.bottom = spacer();

    const statusId = uid('tg-filter-status');
    const farmId = uid('tg-filter-farm');
    this.statusSelect = el('select', { id: statusId, className: 'tg-select', name: 'status' },
      el('option', { value: '', text: 'All statuses' }));
    this.farmSelect = el('select', { id: farmId, className: 'tg-select', name: 'farm' },
      el('option', { value: '', text: 'All farms' }));
    this.statusSelect.addEventListener('change', () => this.setFilter());
    this.farmSelect.addEventListener('change', () => this.setFilter());
    this.counter = el('span', { className: 'tg-card-meta', role: 'status' });
    this.filters = el('div', { className: 'tg-filters', role: 'group',
      'aria-label': 'Filter render jobs' },
    el('label', { for: statusId, text: 'Status' }), this.statusSelect,
    el('label', { for: farmId, text: 'Farm' }), this.farmSelect,
    this.counter);

    this.tbody = el('tbody');
    this.table = el('table', { className: 'tg-table tg-jobs', id: 'tg-jobs-table' },
      el('caption', { className: 'tg-visually-hidden', text: 'Render jobs, newest first' }),
      el('thead', null, el('tr', null, COLUMNS.map((h) => el('th', { scope: 'col', text: h })))),
      this.tbody);
    this.scroller = el('div', { className: 'tg-jobs-scroll', tabindex: '0', role: 'region',
      'aria-label': 'Render jobs table' }, this.table);
    // The scroll position is read here, when the browser reports it, and never in draw():
    // reading it after DOM writes would force a layout of the whole page on every event.
    this.scrollTop = 0;
    this.scroller.addEventListener('scroll', () => {
      this.scrollTop = this.scroller.scrollTop;
      this.draw();
    }, { passive: true });
    this.empty = el('p', { className: 'tg-empty', hidden: true });
    this.root = el('div', { className: 'tg-jobs-view' }, this.filters, this.scroller, this.empty);
    model.subscribe(() => this.draw());
  }

  /** Farms known from /render/farms, offered even before a job of theirs exists. */
  setFarms(names) {
    this.knownFarms = names;
    this.refreshOptions();
  }

  setFilter() {
    this.status = this.statusSelect.value;
    this.farm = this.farmSelect.value;
    this.filteredVersion = -1;
    this.scroller.scrollTop = 0;
    this.scrollTop = 0;
    this.draw();
  }

  refreshOptions() {
    const statuses = new Set(['submitted', 'queued', 'running', 'completed', 'failed', 'cancelled',
      ...this.model.statuses]);
    const farms = new Set([...(this.knownFarms || []), ...this.model.farms]);
    fill(this.statusSelect, statuses, this.status);
    fill(this.farmSelect, farms, this.farm);
  }

  filtered() {
    if (this.filteredVersion !== this.model.version) {
      const status = this.status;
      const farm = this.farm;
      this.rows = status === '' && farm === '' ? this.model.order : this.model.order.filter((job) =>
        (status === '' || String(job.status ?? '').trim().toLowerCase() === status)
        && (farm === '' || String(job.farm ?? '').trim().toLowerCase() === farm));
      this.filteredVersion = this.model.version;
      this.refreshOptions();
    }
    return this.rows;
  }

  draw() {
    if (!this.model.loaded) {
      return;
    }
    const rows = this.filtered();
    const total = this.model.order.length;
    // Written only when they change: 50 events a second would otherwise touch them on every
    // redraw, and each write invalidates the card's style.
    const counted = (this.model.partial ? 'newest ' : '')
      + (rows.length === total ? count(total) + ' jobs'
        : count(rows.length) + ' of ' + count(total) + ' jobs')
      + (this.model.partial ? ', loading the rest\u2026' : '');
    setText(this.counter, counted);
    if (this.empty.hidden !== rows.length > 0) {
      this.empty.hidden = rows.length > 0;
      this.scroller.hidden = rows.length === 0;
    }
    setText(this.empty, total === 0 ? 'No render jobs yet.' : 'No job matches the filters.');
    // The box has a fixed height for its strict containment: as high as the rows, up to 12.
    const height = (HEAD_HEIGHT + Math.min(rows.length, VIEW_ROWS) * ROW_HEIGHT + 2) + 'px';
    if (this.scroller.style.height !== height) {
      this.scroller.style.height = height; // CSSOM, allowed by style-src 'self'
    }
    const first = Math.max(0, Math.floor(this.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length, first + VIEW_ROWS + 2 * OVERSCAN);
    const wanted = [];
    if (first > 0) {
      this.top.style.height = (first * ROW_HEIGHT) + 'px'; // CSSOM, allowed by style-src 'self'
      wanted.push(this.top);
    }
    const keep = new Map();
    for (let i = first; i < last; i += 1) {
      const entry = this.row(rows[i], i);
      keep.set(rows[i].job_id, entry);
      wanted.push(entry.tr);
    }
    if (last < rows.length) {
      this.bottom.style.height = ((rows.length - last) * ROW_HEIGHT) + 'px';
      wanted.push(this.bottom);
    }
    this.cache = keep;
    setAttr(this.table, 'aria-rowcount', String(rows.length + 1));
    // Move only what moved: rows that stay keep their nodes, so a click or the keyboard focus
    // on a job survives the redraws that 50 events a second cause.
    for (let i = 0; i < wanted.length; i += 1) {
      if (this.tbody.children[i] !== wanted[i]) {
        this.tbody.insertBefore(wanted[i], this.tbody.children[i] || null);
      }
    }
    while (this.tbody.children.length > wanted.length) {
      this.tbody.lastChild.remove();
    }
    if (!this.firstDrawn) {
      this.firstDrawn = true;
      performance.mark('tg-render-jobs-first');
      document.body.dataset.renderJobsReady = 'true';
    }
  }

  /**
   * The row of a job: the same node while the job is unchanged, and only the cells whose text
   * changed are redone when it is not. A snapshot that brings the same jobs again (a reconnect,
   * the whole history after the first screen) then costs the page no style or layout work.
   */
  row(job, index) {
    const seen = this.model.seen.get(job.job_id);
    const selected = job.job_id === this.selected;
    let entry = this.cache.get(job.job_id);
    if (!entry) {
      entry = newRow(job.job_id, (button) => this.onOpen(job.job_id, button));
    }
    setAttr(entry.tr, 'aria-rowindex', String(index + 2));
    if (entry.job === job && entry.seen === seen && entry.selected === selected) {
      return entry;
    }
    entry.job = job;
    entry.seen = seen;
    entry.selected = selected;
    const request = job.request && typeof job.request === 'object' ? job.request : {};
    const frames = frameCount(request.frames);
    const pct = progress(job);
    const className = (isTerminal(job.status) ? 'tg-job-done' : '')
      + (selected ? ' tg-selected' : '');
    if (entry.tr.className !== className) {
      entry.tr.className = className;
    }
    // Each cell's content as a key: the cell is rebuilt only when its key changes.
    const views = [
      { key: 'status:' + String(job.status ?? ''), make: () => statusBadge(job.status) },
      { key: text(job.farm) },
      { key: text(request.scene), title: text(request.scene) },
      { key: text(request.frames) + (frames === null ? '' : ' (' + frames + ')') },
      { key: text(request.priority) },
      { key: submittedText(job.submitted_at) },
      { key: seen ? clockTime(seen) : DASH },
      { key: 'progress:' + pct, make: () => (pct === null ? DASH : el('span',
        { className: 'tg-progress' }, el('progress', { max: '100', value: String(pct),
          'aria-label': 'Progress of ' + job.job_id }), ' ' + pct + ' %')) },
    ];
    views.forEach((view, i) => {
      if (entry.keys[i] === view.key) {
        return;
      }
      entry.keys[i] = view.key;
      const cell = entry.cells[i];
      if (view.make) {
        replace(cell, view.make());
      } else {
        cell.textContent = view.key;
      }
      if (view.title !== undefined) {
        cell.title = view.title;
      }
    });
    return entry;
  }
}

/** A row's nodes, made once per job in view: its header with the job's button, and 8 cells. */
function newRow(jobId, onOpen) {
  const open = el('button', { type: 'button', className: 'tg-link-button tg-job-id',
    'data-job-id': jobId, title: jobId, text: jobId, 'aria-label': 'Details of job ' + jobId });
  open.addEventListener('click', () => onOpen(open));
  const cells = [
    el('td', { className: 'tg-job-status' }),
    el('td'),
    el('td', { className: 'tg-job-scene' }),
    el('td'),
    el('td', { className: 'tg-num' }),
    el('td'),
    el('td', { title: 'When this page last received a change of the job' }),
    el('td'),
  ];
  const tr = el('tr', { 'data-job-row': jobId }, el('th', { scope: 'row' }, open), cells);
  return { tr, open, cells, keys: [], job: null };
}

function setText(node, value) {
  if (node.textContent !== value) {
    node.textContent = value;
  }
}

function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) {
    node.setAttribute(name, value);
  }
}

function spacer() {
  return el('tr', { className: 'tg-spacer', 'aria-hidden': 'true' },
    el('td', { colspan: String(COLUMNS.length) }));
}

function fill(select, values, current) {
  const wanted = Array.from(values).sort();
  const have = Array.from(select.options).slice(1).map((o) => o.value);
  if (have.join('\n') === wanted.join('\n')) {
    return;
  }
  while (select.options.length > 1) {
    select.remove(1);
  }
  wanted.forEach((v) => select.add(el('option', { value: v, text: v })));
  select.value = current;
}
