package com.trafalgar.render;

/**
 * The refresh of every active job that stream snapshots run before answering (API.md 5.6), shared
 * by the snapshots that ask at the same time. A caller waits for a pass that began after it asked,
 * so its snapshot is as fresh as if it had run its own: it joins the next pass when one is already
 * running, and at most one pass runs at a time. Fifty dashboards connecting at once therefore ask
 * each farm about each active job at most twice, not fifty times, and do not queue fifty passes
 * of lock-taking updates in front of submissions (docs/render.md, *Job lifecycle*).
 */
final class SnapshotRefresh {
  private final Runnable pass;
  // guarded by this
  private long started;
  private long finished;
  private boolean running;

  SnapshotRefresh(Runnable pass) {
    this.pass = pass;
  }

  /**
   * Returns once a pass that began after this call has finished (run by this thread or another).
   * A failure of the pass this thread ran is rethrown; one of a pass run by another thread is that
   * thread's to report. Interrupted while waiting, it returns with the interrupt flag set and the
   * jobs as last refreshed.
   */
  void refresh() {
    long wanted;
    synchronized (this) {
      wanted = started + 1;
      while (running) {
        if (finished >= wanted) {
          return;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (finished >= wanted) {
        return;
      }
      running = true;
      started++;
    }
    try {
      pass.run();
    } finally {
      synchronized (this) {
        finished = started;
        running = false;
        notifyAll();
      }
    }
  }
}
