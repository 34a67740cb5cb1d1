-- Cluster-wide event ids (docs/cluster.md, issue 14). Only adds, like every migration here.

-- A logged render event carries, besides the data line its subscribers get, the state the other
-- instances apply when they deliver it: the job's record (API.md 5.13.1) for job.created and
-- job.updated, null for job.removed and for run events. The render store appends the job events
-- in the transaction of the job rows, so an event is logged exactly when its change is committed.
ALTER TABLE trafalgar_events ADD COLUMN state text;

-- The ingest runs as the logged run.* events describe them: the watcher (lease ingest.watcher)
-- updates a row in the transaction of each run event it logs. A new watcher diffs the registry
-- against these rows, so a hand-over neither loses a change the old watcher never logged nor
-- logs one twice.
CREATE TABLE trafalgar_ingest_runs (
  run_id text PRIMARY KEY,
  run    text NOT NULL
);
-- Whether trafalgar_ingest_runs was ever filled: the first watcher of a cluster records its
-- registry as the baseline, without events (a single instance publishes nothing for the runs it
-- finds at startup either).
CREATE TABLE trafalgar_ingest_baseline (
  singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  taken_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
