package com.trafalgar.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one way the service writes files: to {@code <file>.tmp}, fsync, atomic rename over the
 * target, fsync of the directory. A crash at any moment leaves either the old or the new content.
 * Also preserves unreadable files as {@code <file>.corrupt-<timestamp>} instead of overwriting
 * them, and names side files for other bytes kept for the operator.
 */
public final class AtomicFiles {
  private static final DateTimeFormatter CORRUPT_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private AtomicFiles() {}

  /** {@code <file>.tmp}. */
  public static Path tmpOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** {@code <file>.bak}. */
  public static Path bakOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".bak");
  }

  /** Writes {@code data} to {@code file} atomically, creating missing parent directories. */
  public static void write(Path file, byte[] data) throws IOException {
    Path parent = parentOf(file);
    Files.createDirectories(parent);
    Path tmp = tmpOf(file);
    try {
      writeSynced(tmp, data);
      moveAtomically(tmp, file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    syncDirectory(parent);
  }

  /** Writes and fsyncs {@code data} to {@code path}, replacing any existing content. */
  public static void writeSynced(Path path, byte[] data) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Renames {@code source} over {@code target} atomically (falling back to a plain replace). */
  public static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** fsyncs a directory so a rename inside it is durable. Ignored where the OS cannot. */
  public static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open or sync directories; the rename itself is still atomic.
    }
  }

  /**
   * Renames an unreadable file to {@code <file>.corrupt-<yyyyMMdd'T'HHmmss'Z'>}, adding
   * {@code -2}, {@code -3}… when that name exists, and fsyncs the directory so the rename
   * survives a crash. Returns the new path.
   */
  public static Path preserveCorrupt(Path file, Clock clock) throws IOException {
    while (true) {
      Path candidate = sideFile(file, "corrupt", clock);
      try {
        Files.move(file, candidate);
        syncDirectory(parentOf(file));
        return candidate;
      } catch (FileAlreadyExistsException e) {
        // raced with another rename: take the next free name
      }
    }
  }

  /**
   * A free name beside {@code file} for bytes kept for the operator:
   * {@code <file>.<label>-<yyyyMMdd'T'HHmmss'Z'>}, or with {@code -2}, {@code -3}… when taken.
   */
  public static Path sideFile(Path file, String label, Clock clock) {
    String base = file.getFileName() + "." + label + "-" + CORRUPT_STAMP.format(clock.instant());
    Path candidate = file.resolveSibling(base);
    for (int suffix = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); suffix++) {
      candidate = file.resolveSibling(base + "-" + suffix);
    }
    return candidate;
  }

  private static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }
}
