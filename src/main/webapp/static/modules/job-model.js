/*
 * The render jobs the page knows, fed by the render stream: the snapshot replaces everything,
 * job.created / job.updated / job.removed change one job. Newest submission first, like the API.
 * Changes only mark the model dirty; views redraw in an animation frame at most five times a
 * second, so a burst of events costs one redraw.
 */
const REDRAW_MS = 200;
const TERMINAL = ['completed', 'failed', 'cancelled', 'aborted', 'errored', 'error'];

export function isTerminal(status) {
  return TERMINAL.includes(String(status ?? '').trim().toLowerCase());
}

function submitted(job) {
  const t = Date.parse(job.submitted_at);
  return Number.isNaN(t) ? 0 : t;
}

/** The jobs of one snapshot by id, in the order they came, and whether that is newest first. */
class SnapshotIndex {
  constructor() {
    this.byId = new Map();
    this.received = 0;
    this.newestFirst = true;
    this.last = Infinity;
  }

  /** Adds one item of the snapshot; false when it is no job (skipped, as the API never sends). */
  add(job) {
    this.received += 1;
    if (!job || typeof job.job_id !== 'string') {
      return false;
    }
    this.byId.set(job.job_id, job);
    const t = submitted(job);
    if (t > this.last) {
      this.newestFirst = false;
    }
    this.last = t;
    return true;
  }

  /** An index of a whole list of jobs at once. */
  static of(jobs, note) {
    const index = new SnapshotIndex();
    for (const job of jobs) {
      if (index.add(job)) {
        note(job);
      }
    }
    return index;
  }
}

export class JobModel {
  constructor() {
    this.byId = new Map();
    this.order = [];
    this.seen = new Map(); // job_id -> Date when this page last received a change
    this.version = 0;
    this.loaded = false;
    this.partial = false; // only the newest jobs, until the stream's snapshot arrives
    this.listeners = [];
    this.scheduled = false;
    this.lastRedraw = -Infinity;
    this.statuses = new Set();
    this.farms = new Set();
    this.incoming = null; // the snapshot on its way, indexed slice by slice
  }

  /** Statuses and farms ever seen, for the filters (they never shrink while the page lives). */
  note(job) {
    if (job.status) {
      this.statuses.add(String(job.status).trim().toLowerCase());
    }
    if (job.farm) {
      this.farms.add(String(job.farm).trim().toLowerCase());
    }
  }

  subscribe(listener) {
    this.listeners.push(listener);
  }

  /** The newest jobs from GET /render/jobs, drawn while the full snapshot is on its way. */
  preview(jobs) {
    if (this.loaded) {
      return; // the snapshot (or a preview) came first: it is at least as complete
    }
    this.apply(SnapshotIndex.of(jobs, (job) => this.note(job)));
    this.partial = true;
  }

  /**
   * A slice of the snapshot on its way (the stream's worker hands 10,000 jobs over in slices):
   * indexed as it comes, so that applying the snapshot is a swap, not a 10,000-job task.
   */
  snapshotPart(jobs, first) {
    if (first || this.incoming === null) {
      this.incoming = new SnapshotIndex();
    }
    for (const job of jobs) {
      if (this.incoming.add(job)) {
        this.note(job);
      }
    }
  }

  snapshot(jobs) {
    // The slices already indexed are this snapshot's when they are as many as its jobs.
    let index = this.incoming;
    this.incoming = null;
    if (index === null || index.received !== jobs.length) {
      index = SnapshotIndex.of(jobs, (job) => this.note(job));
    }
    this.apply(index);
  }

  apply(index) {
    this.partial = false;
    this.byId = index.byId;
    this.order = Array.from(this.byId.values());
    // The snapshot is already newest first; sort only when it is not (a stable sort keeps ties;
    // a repeated or skipped item may have moved one: sort then too).
    if (!index.newestFirst || this.order.length !== index.received) {
      this.order.sort((a, b) => submitted(b) - submitted(a));
    }
    this.loaded = true;
    this.changed();
  }

  upsert(job) {
    if (!job || typeof job.job_id !== 'string') {
      return;
    }
    const known = this.byId.has(job.job_id);
    this.byId.set(job.job_id, job);
    this.seen.set(job.job_id, new Date());
    this.note(job);
    if (known) {
      const index = this.order.findIndex((j) => j.job_id === job.job_id);
      this.order[index] = job;
    } else {
      // Binary search for the place of a new job, newest first (almost always index 0).
      const t = submitted(job);
      let lo = 0;
      let hi = this.order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (submitted(this.order[mid]) > t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      this.order.splice(lo, 0, job);
    }
    this.changed();
  }

  remove(jobId) {
    if (!this.byId.delete(jobId)) {
      return;
    }
    this.seen.delete(jobId);
    this.order = this.order.filter((j) => j.job_id !== jobId);
    this.changed();
  }

  get(jobId) {
    return this.byId.get(jobId) || null;
  }

  changed() {
    this.version += 1;
    if (this.scheduled) {
      return;
    }
    this.scheduled = true;
    // At most one redraw per REDRAW_MS, in an animation frame: 50 events a second cost five
    // redraws, not fifty. The timer covers a hidden tab, where frames do not come.
    const wait = Math.max(0, this.lastRedraw + REDRAW_MS - performance.now());
    setTimeout(() => {
      let frame = 0;
      let timer = 0;
      const run = () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        this.scheduled = false;
        this.lastRedraw = performance.now();
        this.listeners.forEach((listener) => listener());
      };
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, 200);
    }, wait);
  }
}
