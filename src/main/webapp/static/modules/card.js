/* A titled card with its own notice: a failing call shows there, the rest of the page goes on. */
import { el, replace, uid } from './dom.js';

export class Card {
  constructor(title, options = {}) {
    const id = uid('tg-card');
    this.title = el('h3', { id, text: title });
    this.meta = el('span', { className: 'tg-card-meta' });
    this.notice = el('p', { className: 'tg-notice', hidden: true });
    this.content = el('div', { className: 'tg-card-body' },
      el('p', { className: 'tg-empty', text: 'Loading\u2026' }));
    this.filled = false;
    this.root = el('section', {
      className: 'tg-card tg-span-' + (options.span || 'full'),
      'aria-labelledby': id,
      id: options.id || null,
    },
    el('header', { className: 'tg-card-head' }, this.title, this.meta),
    this.notice,
    this.content);
  }

  show(...nodes) {
    this.notice.hidden = true;
    replace(this.content, nodes);
    this.filled = true;
  }

  /** result: {status, message}; what: the name of the data that failed. */
  fail(result, what) {
    const label = result.status ? 'HTTP ' + result.status + ': ' : '';
    replace(this.notice, el('strong', { text: what + ' unavailable. ' }), label + result.message);
    if (this.filled) {
      this.notice.append(' Showing the last data received.');
    } else {
      replace(this.content, el('p', { className: 'tg-empty', text: 'No data.' }));
    }
    this.notice.hidden = false;
  }

  message(text) {
    this.notice.hidden = true;
    replace(this.content, el('p', { className: 'tg-empty', text }));
    this.filled = false;
  }
}

export function section(title, description, children, extra) {
  const id = 'tg-section-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const heading = el('h2', { id, text: title });
  const root = el('section', { className: 'tg-section', 'aria-labelledby': id },
    el('div', { className: 'tg-section-head' },
      heading,
      description ? el('p', { className: 'tg-section-note' }, description) : null,
      extra || null),
    el('div', { className: 'tg-grid' }, children));
  root.heading = heading;
  return root;
}
