package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RegistryWatcherTest {
  @Test
  void pollsOnANamedDaemonThreadSurvivesFailuresAndStops() throws InterruptedException {
    CountDownLatch polls = new CountDownLatch(3);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
    RegistryWatcher watcher = new RegistryWatcher(() -> {
      threads.add(Thread.currentThread().getName());
      daemon.add(Thread.currentThread().isDaemon());
      polls.countDown();
      if (polls.getCount() == 2) {
        throw new IllegalStateException("a failing poll must not end the schedule");
      }
    }, Duration.ofMillis(5));
    try {
      // bounded wait for the polls, not an assertion on their timing
      assertTrue(polls.await(30, TimeUnit.SECONDS));
    } finally {
      watcher.close();
    }
    assertEquals(Set.of(RegistryWatcher.THREAD_NAME), threads);
    assertEquals(Set.of(true), daemon);
    // closed means the thread has ended: no poll can follow
    assertEquals(0, IngestServiceTest.watcherThreads());
  }
}
