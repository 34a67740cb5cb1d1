/*
 * Where a live stream's events come from: an EventSource run in a dedicated worker
 * (workers/event-source.js), so that parsing a 10,000-job snapshot never holds the page's main
 * thread, or an EventSource on the page where the browser cannot start that worker or has no
 * EventSource in workers. Either way the stream hands over each event with its data parsed.
 */
import { url } from './api.js';

const WORKER_SCRIPT = '/static/workers/event-source.js';
const CLOSED = 2; // EventSource.CLOSED, also in a worker's report

export class StreamSource {
  /**
   * path: the stream's URL (with its query); events: the event names to follow; handlers:
   * {open(), error(closed), keepalive(), event(name, data, lastEventId), and optionally
   * part(name, items, first): a slice of the snapshot on its way, before its event}.
   */
  constructor(path, events, handlers) {
    this.path = path;
    this.events = events;
    this.handlers = handlers;
    this.worker = null;
    this.direct = null;
    this.closed = false;
    this.items = [];
    try {
      this.worker = new Worker(url(WORKER_SCRIPT));
    } catch (e) {
      this.worker = null; // e.g. a policy that forbids workers
    }
    if (this.worker === null) {
      this.openDirect();
      return;
    }
    this.worker.onmessage = (message) => this.fromWorker(message.data || {});
    // The script did not load or failed: read the stream on the page instead.
    this.worker.onerror = () => this.fallBack();
    this.worker.postMessage({ type: 'open', url: new URL(url(path), document.baseURI).href,
      events });
  }

  fromWorker(message) {
    if (this.closed) {
      return;
    }
    if (message.type === 'items') {
      // One slice of a snapshot per task: the page stays responsive while 10,000 jobs arrive.
      const items = Array.isArray(message.items) ? message.items : [];
      if (message.first) {
        this.items = [];
      }
      for (const item of items) {
        this.items.push(item);
      }
      if (this.handlers.part) {
        this.handlers.part(String(message.name), items, Boolean(message.first));
      }
    } else if (message.type === 'event') {
      const data = message.data || {};
      if (message.key) {
        data[message.key] = this.items;
        this.items = [];
      }
      this.handlers.event(message.name, data, message.lastEventId);
    } else if (message.type === 'open') {
      this.handlers.open();
    } else if (message.type === 'error') {
      this.handlers.error(message.readyState === CLOSED);
    } else if (message.type === 'keepalive') {
      this.handlers.keepalive();
    } else if (message.type === 'unsupported') {
      this.fallBack();
    }
  }

  fallBack() {
    if (this.worker !== null) {
      this.worker.terminate();
      this.worker = null;
    }
    if (!this.closed && this.direct === null) {
      this.openDirect();
    }
  }

  openDirect() {
    const source = new EventSource(url(this.path));
    this.direct = source;
    source.onopen = () => this.handlers.open();
    source.onerror = () => this.handlers.error(source.readyState === EventSource.CLOSED);
    source.onmessage = () => this.handlers.keepalive();
    for (const name of this.events) {
      source.addEventListener(name, (event) => {
        let data = {};
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          data = {};
        }
        this.handlers.event(name, data && typeof data === 'object' ? data : {}, event.lastEventId);
      });
    }
  }

  close() {
    this.closed = true;
    if (this.worker !== null) {
      // Ending the worker ends its EventSource and the connection with it.
      this.worker.postMessage({ type: 'close' });
      this.worker.terminate();
      this.worker = null;
    }
    if (this.direct !== null) {
      this.direct.close();
      this.direct = null;
    }
  }
}
