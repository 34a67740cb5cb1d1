package com.trafalgar.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.storage.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The job store journal's format: its lines ({@code {"op":"put","job":{record}}} and {@code
 * {"op":"remove","job_id":"…"}}, compact JSON, one per line), appending them, replay at load, and
 * repair of a torn tail. A crash or a failed write can leave a last line without its newline (or
 * a last line that is not JSON). Appending after it would glue the next acknowledged line onto
 * the fragment and a later replay would drop both, so before a journal is appended to or folded
 * its torn tail is copied to {@code <journal>.torn-<yyyyMMdd'T'HHmmss'Z'>} (fsync'd, never deleted
 * by the service), logged, and cut off.
 */
final class JournalFile {
  private static final Logger LOG = Logger.getLogger(JournalFile.class.getName());
  private static final int BLOCK = 8192;
  /**
   * A complete last line longer than this is treated as torn without being parsed. The service
   * writes lines of one job each (request bodies are at most 1 MiB), far below it; the cap keeps
   * the check's memory bounded whatever the file holds.
   */
  private static final long MAX_LINE = 16L << 20;

  private JournalFile() {}

  /** One journal line for a recorded or changed job. */
  static byte[] putLine(RenderJob job) {
    ObjectNode line = Json.object();
    line.put("op", "put");
    line.set("job", job.record());
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** One journal line for an evicted job. */
  static byte[] removeLine(String jobId) {
    ObjectNode line = Json.object();
    line.put("op", "remove");
    line.put("job_id", jobId);
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Appends lines and fsyncs them (one fsync for the whole batch). */
  static void append(FileChannel channel, List<byte[]> lines) throws IOException {
    int size = 0;
    for (byte[] line : lines) {
      size += line.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    lines.forEach(buffer::put);
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  /** The journal line of one change. */
  static byte[] line(JobChange change) {
    if (change instanceof JobChange.Put put) {
      return putLine(put.job());
    }
    return removeLine(((JobChange.Remove) change).jobId());
  }

  /** Applies journal lines to {@code jobs}; returns how many lines were applied. */
  static int replay(Path journal, Map<String, RenderJob> jobs) {
    if (!Files.exists(journal)) {
      return 0;
    }
    int applied = 0;
    int lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(Files.newInputStream(journal), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode entry = Json.mapper().readTree(line);
          String op = entry.path("op").asText("");
          if (op.equals("put")) {
            RenderJob job = JobRecords.parse(entry.path("job"));
            jobs.remove(job.jobId());
            jobs.put(job.jobId(), job);
          } else if (op.equals("remove")) {
            jobs.remove(entry.path("job_id").asText());
          } else {
            throw new JobRecords.BadRecord("unknown op '" + op + "'");
          }
          applied++;
        } catch (IOException | JobRecords.BadRecord | RuntimeException e) {
          int at = lineNumber;
          LOG.warning(() -> "Skipping unreadable line " + at + " of " + journal.getFileName()
              + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Could not read job store journal " + journal, e);
    }
    return applied;
  }

  /**
   * Cuts a torn tail off {@code journal} after preserving its bytes; nothing happens when the
   * file is missing, not a regular file, or ends with a complete JSON line.
   *
   * @return the side file holding the torn bytes, or null when there was nothing to repair
   * @throws IOException when the tail could not be preserved or cut (the journal is then unchanged
   *     or still holds the preserved bytes, and must not be appended to)
   */
  static Path repairTail(Path journal, Clock clock) throws IOException {
    if (!Files.isRegularFile(journal)) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = channel.size();
      long keep = intactLength(channel, size);
      if (keep == size) {
        return null;
      }
      Path side = AtomicFiles.sideFile(journal, "torn", clock);
      try (FileChannel copy = FileChannel.open(side, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        long at = keep;
        while (at < size) {
          at += channel.transferTo(at, size - at, copy);
        }
        copy.force(true);
      }
      AtomicFiles.syncDirectory(journal.toAbsolutePath().getParent());
      channel.truncate(keep);
      channel.force(true);
      long torn = size - keep;
      LOG.warning(() -> "Job store journal " + journal + " ended with an incomplete or unreadable"
          + " line of " + torn + " bytes (a write cut short by a crash or a failed write); kept"
          + " it as " + side.getFileName() + " and cut it off so the next line starts clean.");
      return side;
    }
  }

  /** The length of the journal without its torn tail. */
  private static long intactLength(FileChannel channel, long size) throws IOException {
    if (size == 0) {
      return 0;
    }
    long lastNewline = lastNewline(channel, size);
    if (lastNewline != size - 1) {
      return lastNewline + 1;
    }
    long start = lastNewline(channel, size - 1) + 1;
    long length = size - 1 - start;
    if (length > MAX_LINE) {
      return start;
    }
    ByteBuffer line = ByteBuffer.allocate((int) length);
    while (line.hasRemaining()) {
      if (channel.read(line, start + line.position()) < 0) {
        break;
      }
    }
    String text = new String(line.array(), 0, line.position(), StandardCharsets.UTF_8);
    return text.isBlank() || isJsonObject(text) ? size : start;
  }

  private static boolean isJsonObject(String text) {
    try {
      JsonNode node = Json.mapper().readTree(text);
      return node != null && node.isObject();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The position of the last {@code '\n'} before {@code end}, or -1. */
  private static long lastNewline(FileChannel channel, long end) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    long blockEnd = end;
    while (blockEnd > 0) {
      long blockStart = Math.max(0, blockEnd - BLOCK);
      block.clear().limit((int) (blockEnd - blockStart));
      while (block.hasRemaining()) {
        if (channel.read(block, blockStart + block.position()) < 0) {
          break;
        }
      }
      for (int i = block.position() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return blockStart + i;
        }
      }
      blockEnd = blockStart;
    }
    return -1;
  }
}
