/*
 * One live event stream (API.md 8): an EventSource authenticated with ?access_token= (read off
 * the main thread where the browser allows, stream-source.js), the last
 * event id kept, and recovery. After a network error EventSource reconnects by itself and sends
 * Last-Event-ID, so the server replays the gap or resyncs (8.5). When the server refuses or the
 * browser gives up (a restarting server answers 404 or 503 for a moment), the page opens a new
 * stream itself with ?last_event_id= so that the resume still happens, backing off from 1 s to
 * 30 s, and asks the REST sibling why (401, 403, 503) to say so instead of spinning.
 */
import { readToken, request, describe } from './api.js';
import { encodeSegment } from './format.js';
import { StreamSource } from './stream-source.js';

const MIN_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;

export class LiveStream {
  /**
   * spec: {key, label, path, events, probe}; onEvent(name, data, event); onState();
   * onPart(name, items, first): a slice of a snapshot before the snapshot event itself (only where
   * the stream is read in a worker), so a panel can index it in short tasks.
   * probe is the REST route asked when the stream is refused.
   */
  constructor(spec, onEvent, onState, onPart = () => {}) {
    this.spec = spec;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onPart = onPart;
    this.source = null;
    this.state = 'off';
    this.detail = '';
    this.lastEventId = null;
    this.everOpen = false;
    this.retryMs = MIN_RETRY_MS;
    this.timer = null;
  }

  open() {
    this.close();
    const token = readToken();
    if (!token || typeof window.EventSource !== 'function') {
      this.setState('off', token ? 'this browser cannot open event streams' : 'no token');
      return;
    }
    let path = this.spec.path + '?access_token=' + encodeSegment(token);
    if (this.lastEventId) {
      path += '&last_event_id=' + encodeSegment(this.lastEventId);
    }
    const source = new StreamSource(path, this.spec.events, {
      open: () => {
        this.everOpen = true;
        this.retryMs = MIN_RETRY_MS;
        this.setState('connected', '');
      },
      error: (closed) => {
        if (this.source !== source) {
          return;
        }
        if (closed) {
          this.refused();
        } else {
          this.setState('reconnecting', '');
        }
      },
      // Unnamed messages are keepalives (data: {}): proof of life, nothing else.
      keepalive: () => {
        if (this.state !== 'connected') {
          this.setState('connected', '');
        }
      },
      event: (name, data, lastEventId) => this.received(name, data, lastEventId),
      part: (name, items, first) => {
        if (this.source === source) {
          this.onPart(name, items, first);
        }
      },
    });
    this.source = source;
    this.setState(this.everOpen ? 'reconnecting' : 'connecting', '');
  }

  received(name, data, lastEventId) {
    if (name.endsWith('.snapshot')) {
      performance.mark('tg-' + name + '-received');
    }
    if (lastEventId) {
      this.lastEventId = lastEventId;
    }
    if (this.state !== 'connected') {
      this.setState('connected', '');
    }
    this.onEvent(name, data);
  }

  async refused() {
    const source = this.source;
    source.close();
    const wait = this.retryMs;
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    this.setState('closed', 'retrying in ' + Math.round(wait / 1000) + ' s');
    this.timer = setTimeout(() => {
      if (this.source === source) {
        this.open();
      }
    }, wait);
    const answer = await request('GET', this.spec.probe, { auth: true });
    if (this.source === source && !answer.ok && answer.status !== 0) {
      this.setState('closed', describe(answer) + '; retrying in ' + Math.round(wait / 1000) + ' s');
    }
  }

  close() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    this.state = 'off';
  }

  /** Forget the position: the next open is a fresh connection (a new token, a new snapshot). */
  reset() {
    this.close();
    this.lastEventId = null;
    this.everOpen = false;
    this.retryMs = MIN_RETRY_MS;
  }

  setState(state, detail) {
    this.state = state;
    this.detail = detail;
    this.onState(this);
  }
}

export const RENDER_STREAM = {
  key: 'render',
  label: 'Render jobs',
  path: '/render/jobs/stream',
  probe: '/render/farms',
  events: ['jobs.snapshot', 'job.created', 'job.updated', 'job.removed', 'resync'],
};

export const INGEST_STREAM = {
  key: 'ingest',
  label: 'Ingest runs',
  path: '/ingest/runs/stream',
  probe: '/ingest/runs?limit=1',
  events: ['runs.snapshot', 'run.created', 'run.updated', 'run.removed', 'resync'],
};
