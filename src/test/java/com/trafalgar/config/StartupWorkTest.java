package com.trafalgar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
  void waitsForTheServletsThenRunsWhatWasAskedMeanwhileInOrder() throws InterruptedException {
    StartupWork startup = new StartupWork(Duration.ofMinutes(1));
    startup.holdUntilServletsStart();
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(2);
    try {
      startup.start("ingest", () -> {
        seen.add("ingest");
        done.countDown();
      });
      startup.start("the dashboard", () -> {
        seen.add("dashboard");
        done.countDown();
      });
      assertFalse(done.await(300, TimeUnit.MILLISECONDS), "nothing runs before the gate opens");
      assertEquals(List.of(), seen);
      startup.servletsStarted();
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertEquals(List.of("ingest", "dashboard"), seen);
    } finally {
      startup.stop();
    }
  }

  @Test
  void beginsAnywayWhenTheGateNeverOpens() throws InterruptedException {
    StartupWork startup = new StartupWork(Duration.ofMillis(200));
    startup.holdUntilServletsStart();
    CountDownLatch done = new CountDownLatch(1);
    try {
      startup.start("ingest", done::countDown);
      assertTrue(done.await(5, TimeUnit.SECONDS), "the limit lets the work begin");
    } finally {
      startup.stop();
    }
  }

  @Test
  void stopDropsWorkStillWaitingForTheGate() throws InterruptedException {
    StartupWork startup = new StartupWork(Duration.ofMinutes(1));
    startup.holdUntilServletsStart();
    CountDownLatch ran = new CountDownLatch(1);
    startup.start("ingest", ran::countDown);
    startup.stop();
    startup.servletsStarted();
    assertFalse(ran.await(300, TimeUnit.MILLISECONDS), "an application going away starts nothing");
  }

  @Test
  void nothingStartsAfterStop() {
    StartupWork startup = new StartupWork();
    startup.stop();
    assertThrows(RejectedExecutionException.class, () -> startup.start("late", () -> { }));
  }
}
