-- Clustered mode (docs/cluster.md): the shared job store, event log and singleton leases.
-- Migrations only ever add: no version drops or rewrites data an older instance still reads,
-- so a rolling upgrade can run old and new instances on one schema.

-- The render job store (API.md 5.13 records, one row per job). record is the job's record exactly
-- as the file store writes it; created_at is copied out of it for ordering and retention; seq
-- orders jobs with equal created_at (the store sets it from the sequence on every put).
CREATE SEQUENCE trafalgar_render_jobs_seq;
CREATE TABLE trafalgar_render_jobs (
  job_id     text        PRIMARY KEY,
  seq        bigint      NOT NULL DEFAULT nextval('trafalgar_render_jobs_seq'),
  created_at timestamptz NOT NULL,
  record     jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX trafalgar_render_jobs_order ON trafalgar_render_jobs (created_at, seq);

-- The last event id of each domain: render, ingest, and render.store (the job store's own change
-- feed, one entry per committed transaction, that keeps every instance's history in step). Appending an event updates its domain's
-- row, whose row lock is held until commit: appends of one domain commit in id order, so a reader
-- that has seen id n never later finds a smaller id appear (no gap is ever filled behind it).
CREATE TABLE trafalgar_event_heads (
  domain  text   PRIMARY KEY,
  last_id bigint NOT NULL
);
-- Ids start like a single instance's (API.md 8.5: start time in ms × 1000), so they stay above any
-- id a client saw from the file-store era of the same service.
INSERT INTO trafalgar_event_heads (domain, last_id)
SELECT d, (floor(extract(epoch FROM clock_timestamp()) * 1000))::bigint * 1000
FROM unnest(ARRAY['render', 'ingest', 'render.store']) AS d;

-- The durable event log: every job.* / run.* event of every instance, the source of truth for
-- delivery and Last-Event-ID replay (LISTEN/NOTIFY only wakes readers up).
CREATE TABLE trafalgar_events (
  domain       text        NOT NULL,
  id           bigint      NOT NULL,
  event        text        NOT NULL,
  payload      text        NOT NULL,
  origin       text        NOT NULL,
  published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (domain, id)
);

-- Singleton work (farm status poller, ingest registry watcher): one holder per lease, renewed
-- while alive; another instance takes a lease over once expires_at (database time) has passed.
CREATE TABLE trafalgar_leases (
  name       text        PRIMARY KEY,
  holder     text        NOT NULL,
  expires_at timestamptz NOT NULL
);
