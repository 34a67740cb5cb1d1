package com.trafalgar.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the external ingest tool: rewrites the registry file in place (truncate, then write),
 * {@code perSecond} times a second, alternating two contents. In-place writes are the harsh case
 * of API.md 6.5: a reader can see a half-written file and must serve the last good snapshot.
 */
final class RegistryWriter implements AutoCloseable {
  private final Path file;
  private final List<byte[]> variants;
  private final long periodNanos;
  private final Thread thread;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean running = true;

  RegistryWriter(Path file, List<byte[]> variants, int perSecond) {
    this.file = file;
    this.variants = variants;
    this.periodNanos = 1_000_000_000L / perSecond;
    this.thread = new Thread(this::loop, "bench-registry-writer");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long next = System.nanoTime();
    int i = 0;
    while (running) {
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        byte[] content = variants.get(i++ % variants.size());
        // Two writes, so a concurrent reader can really observe a partial file.
        int half = content.length / 2;
        out.write(content, 0, half);
        out.flush();
        out.write(content, half, content.length - half);
        writes.incrementAndGet();
      } catch (IOException e) {
        failures.incrementAndGet();
      }
      next += periodNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        ServerProcess.sleep(sleep / 1_000_000);
      } else {
        next = System.nanoTime();
      }
    }
  }

  long writes() {
    return writes.get();
  }

  long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
