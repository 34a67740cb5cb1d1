package com.trafalgar.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A file's {@code (last-modified time, size)} (API.md glossary "fingerprint"): files read
 * repeatedly are re-parsed only when it changes.
 *
 * @param modifiedNanos last-modified time in nanoseconds since the epoch, as precise as the file
 *     system keeps it
 * @param size size in bytes
 */
public record FileFingerprint(long modifiedNanos, long size) {

  /** The fingerprint of {@code path}; empty when the file does not exist. */
  public static Optional<FileFingerprint> of(Path path) throws IOException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        attributes = Files.readAttributes(path, BasicFileAttributes.class);
      }
      long nanos = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      return Optional.of(new FileFingerprint(nanos, attributes.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
