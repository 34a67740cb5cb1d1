package com.trafalgar.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.trafalgar.events.EventDomain;
import com.trafalgar.storage.FileBytes;
import com.trafalgar.storage.FileFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one memoised reader of the ingest registry file (API.md 6.5) and its change detection
 * (6.6). The external ingest tool rewrites the file however it likes, often in place and not
 * atomically, so a read may meet a half-written document: that read serves the last good snapshot
 * (state {@code stale}) and never fails.
 *
 * <p>Cost model: a read whose file fingerprint matches the memo is one {@code stat} and no lock.
 * Only a changed fingerprint takes the reload lock; reloads are serialised, so a burst of requests
 * during a rewrite parses each version once, a read that waited for a reload begun after it
 * arrived takes that reload's answer instead of parsing again, and snapshots are swapped (and
 * their differences published) in file order under the event domain's lock: every change is
 * published exactly once, by whichever read sees it first, and never rolled back by a slower
 * reader of an older version.
 *
 * <p>A failed read is remembered with the fingerprint it was read under, when the file did not
 * change while it was read: an unchanged broken file is not re-parsed by every request. A file
 * that changes again is re-read by the next read. The watcher's {@link #poll()} retries a stale
 * file even when its fingerprint is unchanged, so a rewrite that kept the same fingerprint is
 * picked up within one watch interval.
 */
public final class RunRegistry {
  private static final Logger LOG = Logger.getLogger(RunRegistry.class.getName());
  /** A writer that rewrites in place makes brief stale spells; warn at most this often. */
  private static final Duration WARNING_GAP = Duration.ofMinutes(1);

  private final Path file;
  private final EventDomain events;
  private final Clock clock;
  private final ReentrantLock reloadLock = new ReentrantLock();
  private volatile Memo memo = Memo.INITIAL;

  // Guarded by reloadLock; swapped together with memo inside the domain lock.
  private RunSnapshot lastGood = RunSnapshot.EMPTY;
  private byte[] lastGoodContent;
  private RegistryParser.Parsed lastGoodParse = RegistryParser.Parsed.EMPTY;
  private boolean baselined;
  /**
   * Guarded by the domain lock: the runs the next diff starts from instead of the last good
   * snapshot, set when this instance takes over as the cluster's watcher ({@link #rebase}).
   */
  private RunSnapshot rebased;
  /** When the last finished reload began ({@link System#nanoTime()}). */
  private long lastReloadStart = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private Instant lastWarningAt;
  private boolean staleWarned;

  /**
   * What the last read found.
   *
   * @param seen the fingerprint the state belongs to: the parsed file's (ok), the broken file's
   *     (stale; {@code null} when it must be retried), {@code null} (missing)
   * @param current {@code false} before the first read and after {@link #forgetFingerprint()}
   * @param refreshedAt last successful parse since startup or since the last forget
   */
  private record Memo(
      RunSnapshot snapshot,
      RegistryState state,
      FileFingerprint seen,
      boolean current,
      Instant lastLoadedAt,
      Instant refreshedAt) {
    static final Memo INITIAL =
        new Memo(RunSnapshot.EMPTY, RegistryState.MISSING, null, false, null, null);

    /** Whether this memo still describes a file with fingerprint {@code now} (null: missing). */
    boolean answers(FileFingerprint now, boolean retryStale) {
      if (!current) {
        return false;
      }
      return switch (state) {
        case MISSING -> now == null;
        case OK -> now != null && now.equals(seen);
        case STALE -> !retryStale && now != null && now.equals(seen);
      };
    }

    RegistryReading reading() {
      return new RegistryReading(snapshot, state, lastLoadedAt);
    }
  }

  /**
   * @param file the registry path
   * @param events the ingest domain: run events are published there
   * @param clock the time of {@code last_loaded_at}
   */
  public RunRegistry(Path file, EventDomain events, Clock clock) {
    this.file = file;
    this.events = events;
    this.clock = clock;
  }

  /** Reads the registry (memoised): what a request or the dashboard serves. */
  public RegistryReading read() {
    return read(false);
  }

  /** The watcher's read: like {@link #read()}, and a stale file is always tried again. */
  public RegistryReading poll() {
    return read(true);
  }

  private RegistryReading read(boolean retryStale) {
    long entered = System.nanoTime();
    Memo known = memo;
    try {
      if (known.answers(fingerprint(), retryStale)) {
        return known.reading();
      }
    } catch (IOException e) {
      // the stat failed: the reload below reports it
    }
    reloadLock.lock();
    try {
      Memo loaded = memo;
      if (loaded.current() && lastReloadStart - entered >= 0) {
        // A reload that began after this read did finish while it waited: it saw the file as it
        // was during this read, so its answer is as fresh as a reload of our own. Without this, a
        // file rewritten faster than it parses makes every waiting request parse once more.
        return loaded.reading();
      }
      long start = System.nanoTime();
      try {
        return reload(retryStale);
      } finally {
        lastReloadStart = start;
      }
    } finally {
      reloadLock.unlock();
    }
  }

  /** {@code POST /admin/cache}: the next read re-parses; the last good snapshot is kept. */
  public void forgetFingerprint() {
    reloadLock.lock();
    try {
      Memo known = memo;
      memo = new Memo(known.snapshot(), known.state(), known.seen(), false,
          known.lastLoadedAt(), null);
    } finally {
      reloadLock.unlock();
    }
  }

  /** The snapshot being served, without reading the file (stream snapshots, admin view). */
  public RunSnapshot snapshot() {
    return memo.snapshot();
  }

  /** Runs in the memo; {@code 0} before the first read and after a forget (API.md 4.4). */
  public int entries() {
    Memo known = memo;
    return known.current() ? known.snapshot().size() : 0;
  }

  /** Last successful parse since startup or since the last forget; {@code null} if none. */
  public Instant refreshedAt() {
    return memo.refreshedAt();
  }

  private RegistryReading reload(boolean retryStale) {
    FileFingerprint now;
    try {
      now = fingerprint();
    } catch (IOException e) {
      return failed(null, e);
    }
    Memo known = memo;
    if (known.answers(now, retryStale)) {
      return known.reading(); // another read loaded it while this one waited
    }
    if (now == null) {
      return missing();
    }
    byte[] content;
    try {
      content = FileBytes.read(file);
    } catch (NoSuchFileException e) {
      return missing();
    } catch (IOException e) {
      return failed(null, e);
    }
    if (content.length != now.size() || !now.equals(fingerprintOrNull())) {
      // Rewritten while it was read: the bytes may join the start of one version to the end of
      // the next, which can even be valid JSON. Serve the last good snapshot and read again.
      return failed(null, new IOException("The registry file changed while it was read."));
    }
    if (lastGoodContent != null && Arrays.equals(content, lastGoodContent)) {
      // rewritten with the same content: nothing to parse, nothing changed
      return adopt(lastGood, content, now, RegistryState.OK);
    }
    RegistryParser.Parsed parsed;
    try {
      parsed = RegistryParser.parse(content, lastGoodParse.items());
    } catch (IOException | RuntimeException e) {
      // remember the failure only if the file stood still while it was read
      return failed(now.equals(fingerprintOrNull()) ? now : null, e);
    }
    lastGoodParse = parsed;
    return adopt(new RunSnapshot(parsed.runs()), content, now, RegistryState.OK);
  }

  private RegistryReading missing() {
    lastGoodParse = RegistryParser.Parsed.EMPTY;
    return adopt(RunSnapshot.EMPTY, null, null, RegistryState.MISSING);
  }

  /** Makes {@code next} the good snapshot and publishes what changed, atomically. */
  private RegistryReading adopt(
      RunSnapshot next, byte[] content, FileFingerprint seen, RegistryState state) {
    Instant parsedAt = state == RegistryState.OK ? clock.instant() : null;
    RegistryState before = memo.state();
    Memo adopted = events.atomically(() -> {
      List<SnapshotDiff.RunChange> changes = rebased != null
          ? SnapshotDiff.between(rebased, next)
          : baselined && next != lastGood ? SnapshotDiff.between(lastGood, next) : List.of();
      rebased = null;
      baselined = true;
      lastGood = next;
      lastGoodContent = content;
      Memo known = memo;
      memo = new Memo(next, state, seen, true,
          parsedAt != null ? parsedAt : known.lastLoadedAt(),
          parsedAt != null ? parsedAt : known.refreshedAt());
      // the snapshot is swapped first: a failing listener can neither undo it nor make the
      // next read publish the same changes again
      for (SnapshotDiff.RunChange change : changes) {
        publish(change);
      }
      return memo;
    });
    if (before != state && (state == RegistryState.MISSING || before != RegistryState.STALE
        || staleWarned)) {
      LOG.info(() -> String.format("Ingest registry %s: state %s (%d runs).",
          file, state.wire(), next.size()));
    }
    staleWarned = false;
    return adopted.reading();
  }

  private void publish(SnapshotDiff.RunChange change) {
    try {
      events.publish(change.event(), EventDomain.payload("run", change.run()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Publishing " + change.event() + " failed.", e);
    }
  }

  /**
   * Clustered mode: the runs as the run events published so far describe them (the last good
   * snapshot, or the pending rebase), id to compact JSON in file order; empty before the first
   * read. Call under the ingest domain's lock, which every publication holds.
   */
  public Optional<Map<String, String>> published() {
    if (rebased == null && !baselined) {
      return Optional.empty();
    }
    Map<String, String> runs = new LinkedHashMap<>();
    for (IngestRun run : (rebased != null ? rebased : lastGood).fileOrder()) {
      runs.putIfAbsent(run.id(), new String(run.json(), StandardCharsets.UTF_8));
    }
    return Optional.of(runs);
  }

  /**
   * Clustered mode, when this instance becomes the watcher: the next read publishes the
   * differences between {@code runs} (what the cluster's run events published so far describe,
   * id to compact JSON) and the registry, instead of those since this instance's own last read.
   * Call under the ingest domain's lock.
   */
  public void rebase(Map<String, String> runs) {
    List<IngestRun> published = new ArrayList<>(runs.size());
    runs.forEach((id, json) -> published.add(
        new IngestRun(id, null, null, 0, json.getBytes(StandardCharsets.UTF_8))));
    rebased = new RunSnapshot(published);
    Memo known = memo;
    // the next read reloads even an unchanged file, and diffs it against the rebase
    memo = new Memo(known.snapshot(), known.state(), known.seen(), false, known.lastLoadedAt(),
        known.refreshedAt());
  }

  /** Serves the last good snapshot as stale; the cause is logged when the state turns stale. */
  private RegistryReading failed(FileFingerprint seen, Exception cause) {
    Memo known = memo;
    Memo stale = new Memo(lastGood, RegistryState.STALE, seen, true,
        known.lastLoadedAt(), known.refreshedAt());
    memo = stale;
    if (known.state() != RegistryState.STALE) {
      Instant at = clock.instant();
      boolean warn = lastWarningAt == null || !at.isBefore(lastWarningAt.plus(WARNING_GAP));
      if (warn) {
        lastWarningAt = at;
        staleWarned = true;
      }
      LOG.log(warn ? Level.WARNING : Level.FINE, () -> String.format(
          "Ingest registry %s could not be read (%s); serving the last good snapshot (%d runs)"
              + " until it can.", file, describe(cause), lastGood.size()));
    }
    return stale.reading();
  }

  private FileFingerprint fingerprint() throws IOException {
    return FileFingerprint.of(file).orElse(null);
  }

  private FileFingerprint fingerprintOrNull() {
    try {
      return fingerprint();
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(Exception cause) {
    String message = cause instanceof JsonProcessingException json
        ? json.getOriginalMessage()
        : cause.getMessage();
    String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    text = text.replaceAll("[\\r\\n\\t]", " ");
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
