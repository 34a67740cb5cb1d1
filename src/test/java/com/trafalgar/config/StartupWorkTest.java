package com.trafalgar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupWorkTest {
  @Test
  void runsEachFeatureInOrderOnItsOwnThreadAndOutlivesAFailure() throws InterruptedException {
    StartupWork startup = new StartupWork();
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try {
      startup.start("render", () -> seen.add("render on " + Thread.currentThread().getName()));
      startup.start("ingest", () -> {
        throw new IllegalStateException("registry unreadable");
      });
      startup.start("the dashboard", () -> {
        seen.add("dashboard on " + Thread.currentThread().getName());
        done.countDown();
      });
      assertTrue(done.await(5, TimeUnit.SECONDS), "the work after a failure still runs");
      assertEquals(List.of("render on trafalgar-startup", "dashboard on trafalgar-startup"), seen);
    } finally {
      startup.stop();
    }
  }

  @Test
  void nothingStartsAfterStop() {
    StartupWork startup = new StartupWork();
    startup.stop();
    assertThrows(RejectedExecutionException.class, () -> startup.start("late", () -> { }));
  }
}
