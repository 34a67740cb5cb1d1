/*
 * The render panel: the live job table, a job's detail and the submission form. The credential's
 * roles (roles.js) decide what is offered: without render:read the panel says why, without
 * render:submit there is no form, without render:manage no cancel button.
 */
import { el } from './dom.js';
import { asArray } from './format.js';
import { Card } from './card.js';
import { JobModel } from './job-model.js';
import { JobTable } from './job-table.js';
import { JobDetail } from './job-detail.js';
import { JobForm } from './job-form.js';

export class RenderPanel {
  constructor() {
    this.model = new JobModel();
    this.roles = { read: false, submit: false, manage: false };
    this.farms = new Map();
    this.jobs = new Card('Render jobs', { id: 'tg-jobs-card' });
    this.detail = new JobDetail(this.model, () => ({ roles: this.roles, farms: this.farms }));
    this.table = new JobTable(this.model, (id, button) => {
      this.table.selected = id;
      this.table.draw();
      this.detail.open(id, button);
    });
    this.form = new JobForm(this.model);
    this.form.card.root.hidden = true;
    this.jobs.message('Save a dashboard token to see render jobs.');
  }

  roots() {
    return [this.jobs.root, this.detail.card.root, this.form.card.root];
  }

  /** The roles and farms of the current credential (roles.js). */
  setAccess(roles) {
    this.roles = roles;
    this.farms = new Map(asArray(roles.farms).map((f) => [String(f.name).toLowerCase(),
      f.capabilities]));
    this.form.card.root.hidden = !(roles.read && roles.submit);
    if (roles.read && roles.submit) {
      this.form.setFarms(asArray(roles.farms));
    }
    this.table.setFarms(Array.from(this.farms.keys()));
    if (!roles.read) {
      this.model.snapshot([]);
      this.model.loaded = false;
      this.detail.card.root.hidden = true;
      if (roles.state === 'ok') {
        this.jobs.message('This credential may not read render jobs (HTTP ' + roles.readStatus
          + ': it lacks render:read).');
      } else {
        this.jobs.message(roles.state === 'none' ? 'Save a dashboard token to see render jobs.'
          : roles.message);
      }
      return;
    }
    this.jobs.show(this.table.root);
    this.jobs.meta.replaceChildren(this.table.counter);
    if (!this.model.loaded) {
      this.jobs.show(this.table.root, el('p', { className: 'tg-empty',
        text: 'Waiting for the job snapshot\u2026', id: 'tg-jobs-waiting' }));
    }
    if (this.detail.jobId !== null) {
      this.detail.draw();
    }
  }

  /** The newest jobs (GET /render/jobs?limit=...), shown until the stream's snapshot arrives. */
  preview(jobs) {
    this.model.preview(asArray(jobs));
    document.getElementById('tg-jobs-waiting')?.remove();
  }

  /** A slice of the job snapshot on its way: indexed now, so the snapshot itself is a swap. */
  part(name, jobs, first) {
    if (name === 'jobs.snapshot') {
      this.model.snapshotPart(jobs, first);
    }
  }

  /** A render stream event. */
  event(name, data) {
    if (name === 'jobs.snapshot') {
      this.model.snapshot(asArray(data.jobs));
      document.getElementById('tg-jobs-waiting')?.remove();
    } else if ((name === 'job.created' || name === 'job.updated') && data.job) {
      this.model.upsert(data.job);
    } else if (name === 'job.removed' && data.job) {
      this.model.remove(String(data.job.job_id));
    }
  }
}
