/*
 * One event stream, read off the page's main thread (a classic dedicated worker, started by
 * modules/streams.js). It opens the EventSource, parses every message and posts it on already
 * parsed. A snapshot's items go first, in slices of SLICE, and the snapshot message after them:
 * the page then unpacks (and indexes) 10,000 jobs in twenty short tasks instead of parsing them in
 * one long one, so the table keeps answering while a snapshot lands (docs/browser-page.md,
 * "Performance"). The slices of one snapshot are posted in one task, so nothing comes between.
 */
const SLICE = 500;
const SNAPSHOT_KEYS = { 'jobs.snapshot': 'jobs', 'runs.snapshot': 'runs' };
let source = null;

self.onmessage = (message) => {
  const command = message.data || {};
  if (command.type === 'open') {
    open(String(command.url), Array.isArray(command.events) ? command.events : []);
  } else if (command.type === 'close') {
    if (source) {
      source.close();
      source = null;
    }
    self.close();
  }
};

function open(url, events) {
  if (typeof self.EventSource !== 'function') {
    self.postMessage({ type: 'unsupported' });
    return;
  }
  const opened = new EventSource(url);
  source = opened;
  opened.onopen = () => self.postMessage({ type: 'open' });
  opened.onerror = () => self.postMessage({ type: 'error', readyState: opened.readyState });
  opened.onmessage = () => self.postMessage({ type: 'keepalive' });
  for (const name of events) {
    opened.addEventListener(name, (event) => forward(name, event));
  }
}

function forward(name, event) {
  let data = {};
  try {
    data = JSON.parse(event.data);
  } catch (e) {
    data = {};
  }
  if (!data || typeof data !== 'object') {
    data = {};
  }
  const key = SNAPSHOT_KEYS[name];
  const items = key ? data[key] : null;
  if (Array.isArray(items) && items.length > SLICE) {
    data[key] = null;
    for (let i = 0; i < items.length; i += SLICE) {
      self.postMessage({ type: 'items', name, first: i === 0, items: items.slice(i, i + SLICE) });
    }
    self.postMessage({ type: 'event', name, lastEventId: event.lastEventId, data, key });
    return;
  }
  self.postMessage({ type: 'event', name, lastEventId: event.lastEventId, data });
}
