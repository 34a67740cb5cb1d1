/* The live feed: the latest 20 stream events, newest first. */
import { el } from './dom.js';
import { isObject, asArray, count, clockTime, statusBadge } from './format.js';
import { Card } from './card.js';

const FEED_LIMIT = 20;

export class FeedPanel {
  constructor() {
    this.card = new Card('Live events');
    this.list = el('ol', { className: 'tg-feed' });
    this.pending = [];
    this.scheduled = false;
  }

  add(domain, name, data) {
    let subject = null;
    let farm = null;
    let status = null;
    let extra = null;
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
        extra = count(data.run.report.processed_count) + ' processed, '
          + count(data.run.report.invalid_count) + ' invalid';
      }
    }
    const now = new Date();
    const item = el('li', { className: 'tg-feed-item' },
      el('time', { className: 'tg-feed-time', datetime: now.toISOString(), text: clockTime(now) }),
      el('span', { className: 'tg-badge tg-domain-' + domain, text: domain }),
      el('span', { className: 'tg-feed-event', text: name }),
      subject === null || subject === undefined ? null
        : el('code', { className: 'tg-feed-id', text: String(subject) }),
      farm ? el('span', { className: 'tg-feed-farm', text: 'farm ' + farm }) : null,
      status ? statusBadge(status) : null,
      extra ? el('span', { className: 'tg-feed-extra', text: extra }) : null);
    // Items wait for the next frame: a burst of events touches the list once.
    this.pending.push(item);
    if (this.pending.length > FEED_LIMIT) {
      this.pending.shift();
    }
    if (!this.scheduled) {
      this.scheduled = true;
      // At most four list updates a second, in a frame (the timer covers a hidden tab).
      setTimeout(() => {
        requestAnimationFrame(() => this.flush());
        setTimeout(() => this.flush(), 250);
      }, 250);
    }
  }

  flush() {
    this.scheduled = false;
    if (this.pending.length === 0) {
      return;
    }
    if (this.list.parentNode === null) {
      this.card.show(this.list);
    }
    this.list.prepend(...this.pending.reverse());
    this.pending = [];
    while (this.list.children.length > FEED_LIMIT) {
      this.list.lastChild.remove();
    }
  }

  waiting(text) {
    this.pending = [];
    this.list.replaceChildren();
    this.card.message(text);
  }
}
