/*
 * One job in full, kept current by the stream, with the cancel button. The button exists only
 * when the job's farm declares cancellation (GET /render/farms, capabilities.cancellation) and the
 * credential may cancel (render:manage), and the job is still active. Cancelling asks once more.
 */
import { el, replace, pairs } from './dom.js';
import { text, statusBadge, timestamp, isObject, DASH } from './format.js';
import { request, describe, url } from './api.js';
import { frameCount } from './frames.js';
import { isTerminal } from './job-model.js';
import { Card } from './card.js';

export class JobDetail {
  constructor(model, access) {
    this.model = model;
    this.access = access; // () => {roles, farms: Map name -> capabilities}
    this.jobId = null;
    this.opener = null;
    this.confirming = false;
    this.card = new Card('Job detail', { id: 'tg-job-detail' });
    this.card.title.tabIndex = -1;
    this.card.root.hidden = true;
    this.outcome = el('p', { className: 'tg-outcome', role: 'status', 'aria-live': 'polite' });
    this.close = el('button', { type: 'button', className: 'tg-button tg-button-quiet',
      text: 'Close detail' });
    this.close.addEventListener('click', () => this.hide());
    this.card.meta.replaceChildren(this.close);
    // Redraw only when this job changed: other jobs' events must not replace the buttons.
    model.subscribe(() => {
      if (this.jobId !== null && this.model.get(this.jobId) !== this.drawn) {
        this.draw();
      }
    });
  }

  async open(jobId, opener) {
    this.jobId = jobId;
    this.opener = opener;
    this.confirming = false;
    this.outcome.textContent = '';
    this.card.root.hidden = false;
    this.draw();
    this.card.title.focus();
    // Ask the service too: GET refreshes the job before answering (API.md 5.8).
    const answer = await request('GET', '/render/jobs/' + encodeURIComponent(jobId),
      { auth: true });
    if (answer.ok && isObject(answer.data) && this.jobId === jobId) {
      this.model.upsert(answer.data);
    } else if (!answer.ok && this.jobId === jobId) {
      this.outcome.textContent = describe(answer);
    }
  }

  hide() {
    const jobId = this.jobId;
    this.jobId = null;
    this.card.root.hidden = true;
    // The table redraws its rows: the opener may have been replaced by a twin since.
    const again = document.querySelector('[data-job-id="' + CSS.escape(jobId) + '"]')
      || document.querySelector('.tg-jobs-scroll');
    if (again) {
      again.focus();
    }
  }

  canCancel(job) {
    const { roles, farms } = this.access();
    const caps = farms.get(String(job.farm ?? '').toLowerCase());
    return Boolean(roles.manage && caps && isObject(caps.cancellation)
      && caps.cancellation.supported === true && !isTerminal(job.status));
  }

  draw() {
    const job = this.model.get(this.jobId);
    this.drawn = job;
    this.card.title.textContent = 'Job ' + this.jobId;
    if (!job) {
      replace(this.card.content, el('p', { className: 'tg-empty',
        text: 'This job is no longer in the history.' }), this.outcome);
      return;
    }
    const r = isObject(job.request) ? job.request : {};
    const frames = frameCount(r.frames);
    const actions = el('div', { className: 'tg-actions' });
    if (this.canCancel(job)) {
      const cancel = el('button', { type: 'button', id: 'tg-cancel-job',
        className: 'tg-button tg-button-danger',
        text: this.confirming ? 'Confirm: cancel this job' : 'Cancel job' });
      cancel.addEventListener('click', () => this.cancel(job.job_id));
      actions.append(cancel);
      if (this.confirming) {
        const keep = el('button', { type: 'button', className: 'tg-button tg-button-quiet',
          text: 'Keep the job' });
        keep.addEventListener('click', () => {
          this.confirming = false;
          this.draw();
          document.getElementById('tg-cancel-job')?.focus();
        });
        actions.append(keep);
      }
    } else if (!isTerminal(job.status)) {
      actions.append(el('p', { className: 'tg-hint', text: this.whyNoCancel(job) }));
    }
    const focused = document.activeElement && document.activeElement.id;
    replace(this.card.content,
      pairs([
        ['Status', statusBadge(job.status)],
        ['Message', text(job.message)],
        ['Farm', text(job.farm) + (job.farm_type && job.farm_type !== job.farm
          ? ' (' + job.farm_type + ')' : '')],
        ['DCC', text(r.dcc)],
        ['Scene', el('code', { className: 'tg-path', text: text(r.scene) })],
        ['Output', el('code', { className: 'tg-path', text: text(r.output) })],
        ['Frames', text(r.frames) + (frames === null ? '' : ' \u00b7 ' + frames + ' frames')],
        ['Priority', text(r.priority)],
        ['Chunk size', text(r.chunk_size)],
        ['User', text(r.user)],
        ['Submitted', timestamp(job.submitted_at)],
        ['API', el('a', { href: url('/render/jobs/' + encodeURIComponent(job.job_id)),
          text: 'GET /render/jobs/' + job.job_id })],
      ]),
      actions,
      this.outcome);
    if (focused === 'tg-cancel-job') {
      document.getElementById('tg-cancel-job')?.focus();
    }
  }

  whyNoCancel(job) {
    const { roles, farms } = this.access();
    const caps = farms.get(String(job.farm ?? '').toLowerCase());
    if (!caps || !isObject(caps.cancellation) || caps.cancellation.supported !== true) {
      return 'Farm ' + text(job.farm) + ' does not support cancellation from here.';
    }
    return roles.manage ? DASH : 'Your credential may not cancel jobs (render:manage).';
  }

  async cancel(jobId) {
    if (!this.confirming) {
      this.confirming = true;
      this.outcome.textContent = 'Press again to cancel job ' + jobId + '.';
      this.draw();
      document.getElementById('tg-cancel-job')?.focus();
      return;
    }
    this.confirming = false;
    this.outcome.textContent = 'Cancelling\u2026';
    const answer = await request('DELETE', '/render/jobs/' + encodeURIComponent(jobId),
      { auth: true });
    if (answer.ok && isObject(answer.data)) {
      this.model.upsert(answer.data);
      this.outcome.textContent = 'Job cancelled: status ' + text(answer.data.status) + '.';
    } else {
      const hint = isObject(answer.data) && isObject(answer.data.error)
        && typeof answer.data.error.hint === 'string' ? ' ' + answer.data.error.hint : '';
      this.outcome.textContent = 'Cancellation refused. ' + describe(answer) + hint;
    }
    this.draw();
  }
}
