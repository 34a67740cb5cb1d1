package com.trafalgar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.json.Json;
import com.trafalgar.storage.FileBytes;
import com.trafalgar.storage.FileFingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A JSON file read repeatedly and parsed only when its fingerprint changes (API.md 6.5, 9.7): a
 * missing file gives the empty value; an unreadable or malformed one logs a warning and keeps the
 * last good value, without remembering the bad fingerprint so the next read tries again.
 *
 * @param <T> what the parsed document is turned into
 */
public final class MemoisedJsonFile<T> {
  private static final Logger LOG = Logger.getLogger(MemoisedJsonFile.class.getName());

  private record Snapshot<T>(FileFingerprint fingerprint, T value) {}

  private final Path file;
  private final Function<JsonNode, T> interpret;
  private final T empty;
  private volatile Snapshot<T> current;
  private T lastGood;
  /** The fingerprint whose read failed last, so a file that stays broken is logged once. */
  private FileFingerprint failed;

  public MemoisedJsonFile(Path file, Function<JsonNode, T> interpret, T empty) {
    this.file = file;
    this.interpret = interpret;
    this.empty = empty;
    this.lastGood = empty;
  }

  /** The value for the file as it is now. */
  public T read() {
    Optional<FileFingerprint> fingerprint;
    try {
      fingerprint = FileFingerprint.of(file);
    } catch (IOException e) {
      return lastGood();
    }
    Snapshot<T> snapshot = current;
    if (fingerprint.isEmpty()) {
      return empty;
    }
    if (snapshot != null && snapshot.fingerprint().equals(fingerprint.get())) {
      return snapshot.value();
    }
    return reload(fingerprint.get());
  }

  private synchronized T reload(FileFingerprint fingerprint) {
    Snapshot<T> snapshot = current;
    if (snapshot != null && snapshot.fingerprint().equals(fingerprint)) {
      return snapshot.value();
    }
    try {
      T value = interpret.apply(Json.mapper().readTree(FileBytes.read(file)));
      current = new Snapshot<>(fingerprint, value);
      lastGood = value;
      failed = null;
      return value;
    } catch (IOException | RuntimeException e) {
      if (!fingerprint.equals(failed)) {
        failed = fingerprint;
        LOG.warning(() -> "Could not read " + file + " (" + e.getClass().getSimpleName()
            + "); serving its last good content.");
      }
      return lastGood;
    }
  }

  private synchronized T lastGood() {
    return lastGood;
  }
}
