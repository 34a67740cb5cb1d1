/* Formatting of service values for the page: every field may be missing or null. */
import { el } from './dom.js';

export const DASH = '\u2014';
const numberFormat = new Intl.NumberFormat('en-US');

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asArray(value) {
  return Array.isArray(value) ? value : [];
}

export function asNumber(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function text(value) {
  if (value === null || value === undefined || value === '') {
    return DASH;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function count(value) {
  const n = asNumber(value);
  return n === null ? DASH : numberFormat.format(n);
}

export function plural(n, one, many) {
  return count(n) + ' ' + (n === 1 ? one : many);
}

export function pad(n) {
  return n < 10 ? '0' + n : String(n);
}

/** Percent-encodes every byte except A-Z a-z 0-9 - . _ ~ (API.md 4.1). */
export function encodeSegment(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function utc(date) {
  return date.getUTCFullYear() + '-' + pad(date.getUTCMonth() + 1) + '-' + pad(date.getUTCDate())
    + ' ' + pad(date.getUTCHours()) + ':' + pad(date.getUTCMinutes()) + ' UTC';
}

/** A <time> showing an ISO timestamp in UTC; unparsable values are shown as sent. */
export function timestamp(value) {
  if (typeof value !== 'string' || value === '') {
    return document.createTextNode(DASH);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return el('span', { text: value });
  }
  return el('time', { datetime: value, title: value, text: utc(date) });
}

export function clockTime(date) {
  return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

export function duration(seconds) {
  const s = asNumber(seconds);
  if (s === null) {
    return DASH;
  }
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (h > 0) {
    return h + ' h ' + pad(m) + ' min';
  }
  return m > 0 ? m + ' min ' + pad(rest) + ' s' : rest + ' s';
}

export function bytes(value) {
  let n = asNumber(value);
  if (n === null) {
    return DASH;
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i += 1;
  }
  return (i === 0 ? String(n) : n.toFixed(1)) + ' ' + units[i];
}

const TONES = {
  good: ['approved', 'completed', 'complete', 'successful', 'success', 'done', 'delivered'],
  done: ['published', 'final'],
  active: ['running', 'in_progress', 'rendering', 'started', 'active'],
  review: ['review', 'pending_review', 'client_review'],
  waiting: ['queued', 'submitted', 'pending', 'wip', 'waiting', 'scheduled'],
  bad: ['failed', 'error', 'errored', 'aborted', 'retake', 'rejected', 'cancelled'],
};

export function tone(status) {
  const key = String(status).trim().toLowerCase();
  return Object.keys(TONES).find((name) => TONES[name].includes(key)) || 'neutral';
}

export function statusBadge(status) {
  if (status === null || status === undefined || status === '') {
    return document.createTextNode(DASH);
  }
  return el('span', { className: 'tg-badge tg-tone-' + tone(status), text: status });
}

export function byTone(key) {
  return 'tg-tone-' + tone(key);
}

export function byIndex(key, index) {
  return 'tg-series-' + (index % 6);
}

/**
 * A proportional bar plus a legend for an object of counts. The bar is decorative; the legend
 * carries the figures for every reader, so colour is never the only carrier of meaning.
 */
export function breakdown(counts, colour, emptyText) {
  const entries = isObject(counts)
    ? Object.keys(counts).map((key) => [key, asNumber(counts[key])]) : [];
  if (entries.length === 0) {
    return el('p', { className: 'tg-empty', text: emptyText || 'Nothing yet.' });
  }
  const total = entries.reduce((sum, e) => sum + (e[1] || 0), 0);
  const bar = el('div', { className: 'tg-bar', 'aria-hidden': 'true' });
  const legend = el('ul', { className: 'tg-legend' });
  entries.forEach(([key, value], index) => {
    const cls = colour(key, index);
    if (total > 0 && value) {
      const part = el('span', { className: 'tg-bar-part ' + cls, title: key + ': ' + value });
      part.style.flexGrow = String(value); // CSSOM, allowed by style-src 'self'
      bar.appendChild(part);
    }
    legend.appendChild(el('li', null,
      el('span', { className: 'tg-swatch ' + cls, 'aria-hidden': 'true' }),
      el('span', { className: 'tg-legend-key', text: key }),
      el('span', { className: 'tg-legend-value', text: count(value) })));
  });
  return el('div', { className: 'tg-breakdown' }, total > 0 ? bar : null, legend);
}
