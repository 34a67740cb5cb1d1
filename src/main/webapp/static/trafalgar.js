/*
 * Trafalgar dashboard page (API.md 4.1 "Page behaviour").
 *
 * Loaded with `defer` by the HTML of `GET /`, which carries only the heading, the navigation list and
 * `<body data-projects="[...]" data-base-path="...">`. Everything else is built here, appended after the
 * server's content. No framework, no build step, nothing fetched from outside the service.
 *
 * Data rules: every value coming from the service is inserted with textContent / createElement only, and
 * every field may be missing or null (it shows as an em dash). A failing call shows a notice on its own card
 * and never stops the rest of the page.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'trafalgar.dashboardToken';
  var POLL_INTERVAL_MS = 30000;
  var MIN_STATUS_GAP_MS = 1000;
  var FEED_LIMIT = 20;
  var DASH = '\u2014';

  var STREAMS = [
    {
      key: 'render',
      label: 'Render jobs',
      path: '/render/jobs/stream',
      events: ['jobs.snapshot', 'job.created', 'job.updated', 'job.removed', 'resync']
    },
    {
      key: 'ingest',
      label: 'Ingest runs',
      path: '/ingest/runs/stream',
      events: ['runs.snapshot', 'run.created', 'run.updated', 'run.removed', 'resync']
    }
  ];

  var body = document.body;
  var base = (body.dataset.basePath || '').replace(/\/+$/, '');
  var numberFormat = new Intl.NumberFormat('en-US');

  // ---------------------------------------------------------------- small helpers

  /** Percent-encodes every byte except A-Z a-z 0-9 - . _ ~ (API.md 4.1). */
  function encodeSegment(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function url(path) {
    return base + path;
  }

  /** Builds an element; children may be nodes, strings (inserted as text), arrays or null. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === 'className') {
          node.className = value;
        } else if (name === 'text') {
          node.textContent = String(value);
        } else if (name === 'hidden') {
          node.hidden = true;
        } else {
          node.setAttribute(name, String(value));
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) {
        append(node, c);
      });
    } else if (typeof child === 'string' || typeof child === 'number') {
      node.appendChild(document.createTextNode(String(child)));
    } else {
      node.appendChild(child);
    }
  }

  function replaceChildren(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    for (var i = 1; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function asArray(value) {
    return Array.isArray(value) ? value : [];
  }

  function asNumber(value) {
    return typeof value === 'number' && isFinite(value) ? value : null;
  }

  function text(value) {
    if (value === null || value === undefined || value === '') {
      return DASH;
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  function count(value) {
    var n = asNumber(value);
    return n === null ? DASH : numberFormat.format(n);
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  /** A <time> showing an ISO timestamp in UTC; unparsable values are shown as sent. */
  function timestamp(value) {
    if (typeof value !== 'string' || value === '') {
      return document.createTextNode(DASH);
    }
    var date = new Date(value);
    if (isNaN(date.getTime())) {
      return el('span', { text: value });
    }
    var shown = date.getUTCFullYear() + '-' + pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate()) +
      ' ' + pad(date.getUTCHours()) + ':' + pad(date.getUTCMinutes()) + ' UTC';
    return el('time', { datetime: value, title: value, text: shown });
  }

  function clockTime(date) {
    return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  }

  function duration(seconds) {
    var s = asNumber(seconds);
    if (s === null) {
      return DASH;
    }
    var total = Math.round(s);
    var h = Math.floor(total / 3600);
    var m = Math.floor((total % 3600) / 60);
    var rest = total % 60;
    if (h > 0) {
      return h + ' h ' + pad(m) + ' min';
    }
    if (m > 0) {
      return m + ' min ' + pad(rest) + ' s';
    }
    return rest + ' s';
  }

  function bytes(value) {
    var n = asNumber(value);
    if (n === null) {
      return DASH;
    }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (n >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return (i === 0 ? String(n) : n.toFixed(1)) + ' ' + units[i];
  }

  // ---------------------------------------------------------------- status colours

  var TONES = {
    good: ['approved', 'completed', 'complete', 'successful', 'success', 'done', 'delivered'],
    done: ['published', 'final'],
    active: ['running', 'in_progress', 'rendering', 'started', 'active'],
    review: ['review', 'pending_review', 'client_review'],
    waiting: ['queued', 'submitted', 'pending', 'wip', 'waiting', 'scheduled'],
    bad: ['failed', 'error', 'errored', 'aborted', 'retake', 'rejected']
  };

  function tone(status) {
    var key = String(status).trim().toLowerCase();
    var names = Object.keys(TONES);
    for (var i = 0; i < names.length; i++) {
      if (TONES[names[i]].indexOf(key) >= 0) {
        return names[i];
      }
    }
    return 'neutral';
  }

  function statusBadge(status) {
    if (status === null || status === undefined || status === '') {
      return document.createTextNode(DASH);
    }
    return el('span', { className: 'tg-badge tg-tone-' + tone(status), text: status });
  }

  /**
   * A proportional bar plus a legend for an object of counts. `colour` maps (key, index) to a CSS class.
   * The bar is decorative; the legend carries the figures for every reader.
   */
  function breakdown(counts, colour, emptyText) {
    var entries = isObject(counts) ? Object.keys(counts).map(function (key) {
      return [key, asNumber(counts[key])];
    }) : [];
    var total = entries.reduce(function (sum, e) {
      return sum + (e[1] || 0);
    }, 0);
    if (entries.length === 0) {
      return el('p', { className: 'tg-empty', text: emptyText || 'Nothing yet.' });
    }
    var bar = el('div', { className: 'tg-bar', 'aria-hidden': 'true' });
    var legend = el('ul', { className: 'tg-legend' });
    entries.forEach(function (e, index) {
      var cls = colour(e[0], index);
      if (total > 0 && e[1]) {
        var part = el('span', { className: 'tg-bar-part ' + cls, title: e[0] + ': ' + e[1] });
        part.style.flexGrow = String(e[1]);
        bar.appendChild(part);
      }
      legend.appendChild(el('li', null,
        el('span', { className: 'tg-swatch ' + cls, 'aria-hidden': 'true' }),
        el('span', { className: 'tg-legend-key', text: e[0] }),
        el('span', { className: 'tg-legend-value', text: count(e[1]) })));
    });
    return el('div', { className: 'tg-breakdown' }, total > 0 ? bar : null, legend);
  }

  function byTone(key) {
    return 'tg-tone-' + tone(key);
  }

  function byIndex(key, index) {
    return 'tg-series-' + (index % 6);
  }

  function table(caption, headings, rows, numericColumns) {
    var numeric = numericColumns || [];
    var head = el('tr', null, headings.map(function (h, i) {
      return el('th', { scope: 'col', className: numeric.indexOf(i) >= 0 ? 'tg-num' : null, text: h });
    }));
    var bodyRows = rows.map(function (cells) {
      return el('tr', null, cells.map(function (cell, i) {
        var cls = numeric.indexOf(i) >= 0 ? 'tg-num' : null;
        return i === 0 ? el('th', { scope: 'row', className: cls }, cell) : el('td', { className: cls }, cell);
      }));
    });
    return el('div', { className: 'tg-table-wrap' },
      el('table', { className: 'tg-table' },
        el('caption', { className: 'tg-visually-hidden', text: caption }),
        el('thead', null, head),
        el('tbody', null, bodyRows)));
  }

  function figures(items) {
    return el('dl', { className: 'tg-figures' }, items.map(function (item) {
      return el('div', { className: 'tg-figure' + (item.cls ? ' ' + item.cls : '') },
        el('dt', { text: item.label }),
        el('dd', null, item.value));
    }));
  }

  // ---------------------------------------------------------------- HTTP

  /** GET a JSON route; never throws. Resolves to {ok, status, data} or {ok:false, status, message}. */
  function getJson(path, headers) {
    var init = { method: 'GET', cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } };
    Object.keys(headers || {}).forEach(function (name) {
      init.headers[name] = headers[name];
    });
    return fetch(url(path), init).then(function (response) {
      return response.text().then(function (raw) {
        var data = null;
        var parsed = true;
        try {
          data = raw === '' ? null : JSON.parse(raw);
        } catch (e) {
          parsed = false;
        }
        if (response.ok && parsed) {
          return { ok: true, status: response.status, data: data };
        }
        var message = isObject(data) && typeof data.detail === 'string' ? data.detail
          : (response.ok ? 'The response was not valid JSON.' : response.statusText || 'Request failed');
        return { ok: false, status: response.status, message: message };
      });
    }, function () {
      return { ok: false, status: 0, message: 'The service could not be reached.' };
    });
  }

  // ---------------------------------------------------------------- cards

  var cardCount = 0;

  /** A titled card with its own inline notice. `render(data)` returns the body content. */
  function Card(title, options) {
    var opts = options || {};
    var id = 'tg-card-' + (++cardCount);
    this.meta = el('span', { className: 'tg-card-meta' });
    this.notice = el('p', { className: 'tg-notice', hidden: true });
    this.content = el('div', { className: 'tg-card-body' }, el('p', { className: 'tg-empty', text: 'Loading\u2026' }));
    this.filled = false;
    this.root = el('section', { className: 'tg-card tg-span-' + (opts.span || 'full'), 'aria-labelledby': id },
      el('header', { className: 'tg-card-head' }, el('h3', { id: id, text: title }), this.meta),
      this.notice,
      this.content);
  }

  Card.prototype.show = function (nodes) {
    this.notice.hidden = true;
    replaceChildren(this.content, nodes);
    this.filled = true;
  };

  Card.prototype.fail = function (result, what) {
    var label = result.status ? 'HTTP ' + result.status + ': ' : '';
    replaceChildren(this.notice, el('strong', { text: what + ' unavailable. ' }), label + result.message);
    if (this.filled) {
      append(this.notice, ' Showing the last data received.');
    } else {
      replaceChildren(this.content, el('p', { className: 'tg-empty', text: 'No data.' }));
    }
    this.notice.hidden = false;
  };

  Card.prototype.message = function (message) {
    this.notice.hidden = true;
    replaceChildren(this.content, el('p', { className: 'tg-empty', text: message }));
    this.filled = false;
  };

  // ---------------------------------------------------------------- page skeleton

  var projects = [];
  var projectsReadable = true;
  try {
    var parsedProjects = JSON.parse(body.dataset.projects || '[]');
    projects = asArray(parsedProjects).map(function (p) {
      return typeof p === 'string' ? p : JSON.stringify(p);
    });
    projectsReadable = Array.isArray(parsedProjects);
  } catch (e) {
    projectsReadable = false;
  }
  var exampleProject = projects.length > 0 ? projects[0] : null;

  var cards = {
    overview: new Card('Production overview'),
    render: new Card('Render jobs', { span: 'half' }),
    ingest: new Card('Ingest runs', { span: 'half' }),
    review: new Card('Review'),
    summary: new Card('Summary', { span: 'half' }),
    deliveries: new Card('Deliveries', { span: 'half' }),
    episodes: new Card('Episode breakdown'),
    mismatches: new Card('Mismatch summary'),
    feed: new Card('Live events')
  };
  cards.overview.root.classList.add('tg-card-bare');

  function section(title, description, children) {
    var id = 'tg-section-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return el('section', { className: 'tg-section', 'aria-labelledby': id },
      el('div', { className: 'tg-section-head' },
        el('h2', { id: id, text: title }),
        description ? el('p', { className: 'tg-section-note' }, description) : null),
      el('div', { className: 'tg-grid' }, children));
  }

  // Toolbar: live indicator, refresh, token form.
  var liveDot = el('span', { className: 'tg-dot', 'aria-hidden': 'true' });
  var liveText = el('span', { className: 'tg-live-text', text: 'Starting\u2026' });
  var liveDetail = el('span', { className: 'tg-live-detail' });
  var live = el('div', { className: 'tg-live', role: 'status', 'aria-live': 'polite' }, liveDot, liveText, liveDetail);
  var updated = el('span', { className: 'tg-updated', text: '' });
  var refreshButton = el('button', { type: 'button', className: 'tg-button tg-button-quiet', text: 'Refresh all' });

  var tokenInput = el('input', {
    id: 'tg-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Paste the dashboard token', className: 'tg-input'
  });
  var tokenState = el('span', { className: 'tg-token-state', id: 'tg-token-state' });
  tokenInput.setAttribute('aria-describedby', 'tg-token-state');
  var clearButton = el('button', { type: 'button', className: 'tg-button tg-button-quiet', text: 'Clear token' });
  var tokenForm = el('form', { className: 'tg-token-form', 'aria-label': 'Dashboard token' },
    el('label', { 'for': 'tg-token', text: 'Dashboard token' }),
    tokenInput,
    el('button', { type: 'submit', className: 'tg-button', text: 'Save token' }),
    clearButton,
    tokenState);

  var feedList = el('ol', { className: 'tg-feed' });

  var projectTitle = exampleProject === null ? 'Example project' : 'Project: ' + exampleProject;
  // One <main> landmark per page: reuse the server's if it has one.
  var host = document.querySelector('main');
  var main = el(host ? 'div' : 'main', { className: 'tg-main', id: 'tg-dashboard' },
    el('div', { className: 'tg-toolbar' },
      el('div', { className: 'tg-toolbar-status' }, live, updated, refreshButton),
      tokenForm),
    section('Studio', 'Live figures from /status.',
      [cards.overview.root, cards.render.root, cards.ingest.root, cards.review.root]),
    section(projectTitle, exampleProject === null ? null : 'The example project: the first known project.',
      [cards.summary.root, cards.deliveries.root, cards.episodes.root]),
    section('Reconciliation', 'Mismatches between ShotGrid, the file system and S3, grouped by type and path.',
      [cards.mismatches.root]),
    section('Activity', 'The latest render and ingest events (needs a dashboard token).',
      [cards.feed.root]));

  body.classList.add('tg-js');
  (host || body).appendChild(main);

  // ---------------------------------------------------------------- renderers

  function renderOverview(status) {
    var errors = asNumber(status.errors);
    cards.overview.show(el('div', { className: 'tg-tiles' }, [
      ['Projects', status.projects, null],
      ['Shots', status.shots, null],
      ['Versions', status.versions, null],
      ['Open errors', status.errors, errors ? 'tg-tile-alert' : null]
    ].map(function (tile) {
      return el('div', { className: 'tg-tile' + (tile[2] ? ' ' + tile[2] : '') },
        el('span', { className: 'tg-tile-label', text: tile[0] }),
        el('span', { className: 'tg-tile-value', text: count(tile[1]) }));
    })));
  }

  function renderRender(render) {
    var r = isObject(render) ? render : {};
    cards.render.meta.textContent = count(r.jobs) + ' jobs';
    cards.render.show([
      el('h4', { text: 'By status' }),
      breakdown(r.by_status, byTone, 'No render jobs.'),
      el('h4', { text: 'By farm' }),
      breakdown(r.by_farm, byIndex, 'No render jobs.')
    ]);
  }

  function renderIngest(ingest) {
    var i = isObject(ingest) ? ingest : {};
    var counts = isObject(i.counts) ? i.counts : {};
    var streak = asNumber(i.failure_streak);
    var sample = asNumber(i.sample_window);
    cards.ingest.meta.textContent = 'newest ' + (sample === null ? 10 : sample) + ' runs';
    cards.ingest.show([
      figures([
        { label: 'Runs', value: count(counts.total) },
        { label: 'Successful', value: count(counts.successful), cls: 'tg-figure-good' },
        { label: 'Failed', value: count(counts.failed), cls: asNumber(counts.failed) ? 'tg-figure-bad' : null },
        { label: 'Running', value: count(counts.running), cls: 'tg-figure-active' }
      ]),
      el('dl', { className: 'tg-pairs' },
        el('dt', { text: 'Last success' }), el('dd', null, timestamp(i.last_success_at)),
        el('dt', { text: 'Failure streak' }),
        el('dd', null, streak ? el('span', { className: 'tg-badge tg-tone-bad', text: streak + ' failed in a row' })
          : el('span', { className: 'tg-badge tg-tone-good', text: streak === 0 ? 'none' : DASH })))
    ]);
  }

  function renderReview(review) {
    var r = isObject(review) ? review : {};
    var totals = isObject(r.totals) ? r.totals : {};
    var rows = asArray(r.projects).filter(isObject).map(function (p) {
      return [text(p.project), count(p.playlists), count(p.clips), count(p.shots), duration(p.duration_seconds)];
    });
    cards.review.show([
      figures([
        { label: 'Projects', value: count(totals.projects) },
        { label: 'Playlists', value: count(totals.playlists) },
        { label: 'Clips', value: count(totals.clips) },
        { label: 'Shots', value: count(totals.shots) },
        { label: 'Running time', value: duration(totals.duration_seconds) }
      ]),
      rows.length === 0 ? el('p', { className: 'tg-empty', text: 'No review playlists.' })
        : table('Review per project', ['Project', 'Playlists', 'Clips', 'Shots', 'Running time'], rows, [1, 2, 3, 4])
    ]);
  }

  function renderSummary(summary) {
    var versions = asNumber(summary.versions);
    var approved = asNumber(summary.approved_versions);
    var share = versions && approved !== null ? Math.round((approved / versions) * 100) : null;
    var latest = asArray(summary.latest_published).filter(isObject).map(function (v) {
      return [text(v.shot), text(v.version), text(v.user), timestamp(v.timestamp)];
    });
    cards.summary.show([
      figures([
        { label: 'Episodes', value: count(summary.episodes) },
        { label: 'Shots', value: count(summary.shots) },
        { label: 'Versions', value: count(summary.versions) },
        { label: 'Approved', value: [count(summary.approved_versions),
          share === null ? null : el('small', { text: ' (' + share + ' %)' })], cls: 'tg-figure-good' }
      ]),
      el('h4', { text: 'Status totals' }),
      breakdown(summary.status_totals, byTone, 'No versions.'),
      el('h4', { text: 'Latest published' }),
      latest.length === 0 ? el('p', { className: 'tg-empty', text: 'Nothing published yet.' })
        : table('Latest published versions', ['Shot', 'Version', 'Artist', 'Published'], latest)
    ]);
  }

  function statusLine(counts) {
    if (!isObject(counts) || Object.keys(counts).length === 0) {
      return document.createTextNode(DASH);
    }
    return el('span', { className: 'tg-status-line' }, Object.keys(counts).map(function (key) {
      return el('span', { className: 'tg-chip' },
        el('span', { className: 'tg-swatch ' + byTone(key), 'aria-hidden': 'true' }),
        key + ' ' + count(counts[key]));
    }));
  }

  function renderEpisodes(data) {
    var rows = asArray(data.episodes).filter(isObject).map(function (e) {
      return [text(e.episode), count(e.shots), count(e.versions), statusLine(e.status_counts)];
    });
    cards.episodes.meta.textContent = rows.length + (rows.length === 1 ? ' episode' : ' episodes');
    cards.episodes.show(rows.length === 0 ? el('p', { className: 'tg-empty', text: 'No episodes.' })
      : table('Episodes', ['Episode', 'Shots', 'Versions', 'Status counts'], rows, [1, 2]));
  }

  function renderDeliveries(list, withToken) {
    var deliveries = asArray(list).filter(isObject);
    cards.deliveries.meta.textContent = deliveries.length + (deliveries.length === 1 ? ' delivery' : ' deliveries');
    if (deliveries.length === 0) {
      cards.deliveries.show(el('p', { className: 'tg-empty', text: 'No deliveries for this project.' }));
      return;
    }
    var items = deliveries.map(function (d) {
      var files = asArray(d.items).filter(isObject);
      var size = files.reduce(function (sum, f) {
        return sum + (asNumber(f.size) || 0);
      }, 0);
      var fileCount = asNumber(d.file_count);
      return el('li', { className: 'tg-delivery' },
        el('div', { className: 'tg-delivery-head' },
          el('span', { className: 'tg-delivery-name', text: text(d.name) }),
          timestamp(d.created_at)),
        el('div', { className: 'tg-delivery-meta' },
          el('code', { text: text(d.delivery_id) }),
          el('span', { text: count(fileCount) + (fileCount === 1 ? ' file' : ' files') + ' \u00b7 ' + bytes(size) }),
          d.archive ? el('span', null, 'archive ', el('code', { text: text(d.archive) })) : null,
          typeof d.manifest_api === 'string' ? el('span', null, 'manifest API ', el('code', { text: d.manifest_api })) : null),
        files.length === 0 ? null : el('details', null,
          el('summary', { text: 'Files' }),
          table('Files of ' + text(d.name), ['Path', 'Size', 'Checksum'], files.map(function (f) {
            return [text(f.path), bytes(f.size), el('code', { text: text(f.checksum) })];
          }), [1])));
    });
    cards.deliveries.show([
      el('ul', { className: 'tg-deliveries' }, items),
      withToken ? null : el('p', { className: 'tg-hint', text: 'Save the dashboard token to see manifest API links.' })
    ]);
  }

  function renderMismatches(groups) {
    var rows = asArray(groups).filter(isObject).map(function (g) {
      return [el('span', { className: 'tg-badge tg-tone-bad', text: text(g.type) }),
        el('code', { className: 'tg-path', text: text(g.path) }), count(g.count),
        asArray(g.shots).length === 0 ? DASH : asArray(g.shots).map(String).join(', ')];
    });
    cards.mismatches.meta.textContent = rows.length + (rows.length === 1 ? ' group' : ' groups');
    cards.mismatches.show(rows.length === 0
      ? el('p', { className: 'tg-empty', text: 'No mismatches: everything reconciles.' })
      : table('Mismatch groups', ['Type', 'Path or key', 'Count', 'Shots'], rows, [2]));
  }

  // ---------------------------------------------------------------- loaders

  var statusInFlight = false;
  var statusAgain = false;
  var statusTimer = null;
  var lastStatusStart = 0;
  var statusCards = [cards.overview, cards.render, cards.ingest, cards.review];

  /** Asks for a /status refresh; coalesced so that fetches start at most once per second. */
  function requestStatus() {
    if (statusInFlight) {
      statusAgain = true;
      return;
    }
    if (statusTimer !== null) {
      return;
    }
    var wait = Math.max(0, lastStatusStart + MIN_STATUS_GAP_MS - Date.now());
    statusTimer = setTimeout(function () {
      statusTimer = null;
      loadStatus();
    }, wait);
  }

  function loadStatus() {
    statusInFlight = true;
    lastStatusStart = Date.now();
    return getJson('/status').then(function (result) {
      if (result.ok && isObject(result.data)) {
        var status = result.data;
        renderOverview(status);
        renderRender(status.render);
        renderIngest(status.ingest);
        renderReview(status.review);
        updated.textContent = 'Updated ' + clockTime(new Date());
      } else {
        var failure = result.ok ? { status: result.status, message: 'Unexpected response.' } : result;
        statusCards.forEach(function (card) {
          card.fail(failure, 'Status');
        });
      }
    }).then(function () {
      statusInFlight = false;
      if (statusAgain) {
        statusAgain = false;
        requestStatus();
      }
    });
  }

  function loadInto(card, path, what, render, headers) {
    return getJson(path, headers).then(function (result) {
      if (result.ok && result.data !== null) {
        render(result.data);
      } else {
        card.fail(result.ok ? { status: result.status, message: 'Unexpected response.' } : result, what);
      }
    });
  }

  function loadProject() {
    if (exampleProject === null) {
      var why = projectsReadable ? 'No project is known yet.' : 'The project list of this page is unreadable.';
      cards.summary.message(why);
      cards.episodes.message(why);
      cards.deliveries.message(why);
      return;
    }
    var p = encodeSegment(exampleProject);
    loadInto(cards.summary, '/projects/' + p, 'Summary', renderSummary);
    loadInto(cards.episodes, '/projects/' + p + '/episodes', 'Episodes', renderEpisodes);
    loadDeliveries();
  }

  function loadDeliveries() {
    if (exampleProject === null) {
      return;
    }
    var token = readToken();
    var headers = token ? { Authorization: 'Bearer ' + token } : null;
    loadInto(cards.deliveries, '/deliveries/' + encodeSegment(exampleProject), 'Deliveries', function (data) {
      renderDeliveries(data, Boolean(token));
    }, headers);
  }

  function loadMismatches() {
    loadInto(cards.mismatches, '/errors/summary', 'Mismatch summary', renderMismatches);
  }

  function loadAll() {
    requestStatus();
    loadProject();
    loadMismatches();
  }

  // ---------------------------------------------------------------- token

  var memoryToken = null;

  function readToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY) || null;
    } catch (e) {
      return memoryToken;
    }
  }

  function writeToken(token) {
    memoryToken = token;
    try {
      if (token) {
        window.sessionStorage.setItem(TOKEN_KEY, token);
      } else {
        window.sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // Storage disabled: the token lasts as long as the page.
    }
  }

  function showTokenState() {
    tokenState.textContent = readToken() ? 'Token stored for this browser tab.' : 'No token stored.';
    clearButton.disabled = !readToken();
  }

  tokenForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var token = tokenInput.value.trim();
    tokenInput.value = '';
    writeToken(token || null);
    tokenChanged();
  });

  clearButton.addEventListener('click', function () {
    tokenInput.value = '';
    writeToken(null);
    tokenChanged();
  });

  refreshButton.addEventListener('click', loadAll);

  function tokenChanged() {
    showTokenState();
    connect();
    loadDeliveries();
    requestStatus();
  }

  // ---------------------------------------------------------------- live updates

  var sources = [];
  var pollTimer = null;

  function addFeed(domain, name, data) {
    var subject = null;
    var farm = null;
    var status = null;
    var extra = null;
    if (name === 'jobs.snapshot') {
      extra = asArray(data.jobs).length + ' jobs';
    } else if (name === 'runs.snapshot') {
      extra = asArray(data.runs).length + ' runs';
    } else if (isObject(data.job)) {
      subject = data.job.job_id;
      farm = data.job.farm;
      status = data.job.status;
    } else if (isObject(data.run)) {
      subject = data.run.id;
      status = data.run.status;
      if (isObject(data.run.report)) {
        extra = count(data.run.report.processed_count) + ' processed, ' + count(data.run.report.invalid_count) +
          ' invalid';
      }
    }
    var item = el('li', { className: 'tg-feed-item' },
      el('time', { className: 'tg-feed-time', datetime: new Date().toISOString(), text: clockTime(new Date()) }),
      el('span', { className: 'tg-badge tg-domain-' + domain, text: domain }),
      el('span', { className: 'tg-feed-event', text: name }),
      subject === null || subject === undefined ? null : el('code', { className: 'tg-feed-id', text: String(subject) }),
      farm ? el('span', { className: 'tg-feed-farm', text: 'farm ' + farm }) : null,
      status ? statusBadge(status) : null,
      extra ? el('span', { className: 'tg-feed-extra', text: extra }) : null);
    if (feedList.parentNode === null) {
      cards.feed.show(feedList);
    }
    feedList.insertBefore(item, feedList.firstChild);
    while (feedList.children.length > FEED_LIMIT) {
      feedList.removeChild(feedList.lastChild);
    }
  }

  function onEvent(stream, name, event) {
    var data = {};
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      data = {};
    }
    addFeed(stream.key, name, isObject(data) ? data : {});
    requestStatus();
  }

  function disconnect() {
    sources.forEach(function (s) {
      clearTimeout(s.retry);
      s.source.close();
    });
    sources = [];
  }

  /** Opens one stream; EventSource reconnects by itself (with Last-Event-ID) unless the server refused it. */
  function openStream(slot) {
    var token = readToken();
    var source = new EventSource(url(slot.stream.path + '?access_token=' + encodeSegment(token)));
    slot.source = source;
    slot.state = slot.everOpen ? 'reconnecting' : 'connecting';
    source.onopen = function () {
      slot.state = 'connected';
      slot.everOpen = true;
      updateLive();
    };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (401/403/503, or the route is missing): poll, and try a fresh stream later.
        slot.state = 'closed';
        if (feedList.children.length === 0) {
          cards.feed.message('The event streams refused the connection: check the dashboard token.');
        }
        slot.retry = setTimeout(function () {
          if (sources.indexOf(slot) >= 0) {
            openStream(slot);
            updateLive();
          }
        }, POLL_INTERVAL_MS);
      } else {
        slot.state = 'reconnecting';
      }
      updateLive();
    };
    slot.stream.events.forEach(function (name) {
      source.addEventListener(name, function (event) {
        onEvent(slot.stream, name, event);
      });
    });
    // Unnamed messages are keepalives (data: {}): they prove the stream is alive and change nothing.
    source.onmessage = function () {
      if (slot.state !== 'connected') {
        slot.state = 'connected';
        updateLive();
      }
    };
  }

  function connect() {
    disconnect();
    if (readToken() && typeof window.EventSource === 'function') {
      sources = STREAMS.map(function (stream) {
        return { stream: stream, source: null, state: 'connecting', everOpen: false, retry: null };
      });
      sources.forEach(openStream);
      cards.feed.message('Waiting for events\u2026');
    } else {
      cards.feed.message(readToken() ? 'This browser cannot open event streams.'
        : 'Save the dashboard token to follow render and ingest events live.');
    }
    updateLive();
  }

  function setPolling(on) {
    if (on && pollTimer === null) {
      pollTimer = setInterval(requestStatus, POLL_INTERVAL_MS);
    } else if (!on && pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  var STATE_WORDS = {
    connecting: 'connecting',
    connected: 'connected',
    reconnecting: 'reconnecting',
    closed: 'refused, retrying in 30 s'
  };

  function updateLive() {
    var mode;
    var words;
    if (sources.length === 0) {
      mode = 'polling';
      words = 'Polling every 30 s';
      liveDetail.textContent = 'no dashboard token';
    } else {
      var states = sources.map(function (s) {
        return s.state;
      });
      if (states.every(function (s) { return s === 'connected'; })) {
        mode = 'connected';
        words = 'Live';
      } else if (states.indexOf('closed') >= 0) {
        mode = 'polling';
        words = 'Polling every 30 s';
      } else {
        mode = 'reconnecting';
        words = states.indexOf('reconnecting') >= 0 ? 'Reconnecting\u2026' : 'Connecting\u2026';
      }
      liveDetail.textContent = sources.map(function (s) {
        return s.stream.label + ': ' + STATE_WORDS[s.state];
      }).join(' \u00b7 ');
    }
    live.className = 'tg-live tg-live-' + mode;
    liveText.textContent = words;
    // Anything short of two open streams falls back to the 30 s poll so the figures never go stale.
    setPolling(mode !== 'connected');
  }

  // ---------------------------------------------------------------- start

  showTokenState();
  connect();
  loadAll();
  window.addEventListener('pagehide', disconnect);
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      connect();
      loadAll();
    }
  });
}());
