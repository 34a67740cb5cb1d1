package com.trafalgar.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a whole file for the files the service re-reads on request threads (ingest registry,
 * offline data, roster, reports, manifests). {@code Files.readAllBytes} hands the whole file to
 * one channel read, and the JDK then allocates and caches a file-sized direct buffer in every
 * thread that reads: two hundred HTTP threads re-reading a 5 MB registry pin a gigabyte of native
 * memory and run out of direct memory. Reading in small chunks keeps each thread's cached buffer
 * small.
 */
public final class FileBytes {
  /** Small enough to cache per thread, large enough to read a big file in few calls. */
  private static final int CHUNK = 64 * 1024;
  private static final int MAX_SIZE = Integer.MAX_VALUE - 64;

  private FileBytes() {}

  /**
   * The file's bytes, as far as it could be read to its end (a file that grows or shrinks while
   * it is read yields what was there; callers parse and reject a torn document).
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   */
  public static byte[] read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > MAX_SIZE) {
        throw new IOException("The file " + file + " is too large to read (" + size + " bytes).");
      }
      byte[] bytes = new byte[(int) size];
      int filled = 0;
      while (true) {
        if (filled == bytes.length) {
          // grown since its size was taken, or at its end: look for more
          if (bytes.length >= MAX_SIZE) {
            throw new IOException("The file " + file + " is too large to read.");
          }
          byte[] probe = new byte[1];
          if (channel.read(ByteBuffer.wrap(probe)) < 0) {
            return bytes;
          }
          bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_SIZE, Math.max(CHUNK,
              (long) bytes.length * 2)));
          bytes[filled++] = probe[0];
          continue;
        }
        int read = channel.read(ByteBuffer.wrap(bytes, filled,
            Math.min(CHUNK, bytes.length - filled)));
        if (read < 0) {
          return Arrays.copyOf(bytes, filled);
        }
        filled += read;
      }
    }
  }
}
