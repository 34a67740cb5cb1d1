package com.trafalgar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotRefreshTest {
  final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void eachCallAloneRunsItsOwnPass() {
    AtomicInteger passes = new AtomicInteger();
    SnapshotRefresh refresh = new SnapshotRefresh(passes::incrementAndGet);
    refresh.refresh();
    refresh.refresh();
    refresh.refresh();
    assertEquals(3, passes.get());
  }

  @Test
  void callersArrivingDuringAPassShareTheNextOne() throws Exception {
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    SnapshotRefresh refresh = new SnapshotRefresh(() -> {
      if (passes.incrementAndGet() == 1) {
        firstRunning.countDown();
        await(releaseFirst);
      }
    });
    Future<?> first = threads.submit(refresh::refresh);
    assertTrue(firstRunning.await(5, TimeUnit.SECONDS));
    List<Thread> callers = new CopyOnWriteArrayList<>();
    List<Future<Integer>> late = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      late.add(threads.submit(() -> {
        callers.add(Thread.currentThread());
        refresh.refresh();
        return passes.get();
      }));
    }
    // every caller waits (inside refresh) before the first pass ends
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (callers.size() < 20
        || !callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      assertTrue(System.nanoTime() < deadline, "callers did not all wait for the running pass");
      Thread.sleep(10);
    }
    releaseFirst.countDown();
    first.get(5, TimeUnit.SECONDS);
    for (Future<Integer> caller : late) {
      // each returned after a pass that began after it asked: the second one
      assertEquals(2, caller.get(5, TimeUnit.SECONDS));
    }
    assertEquals(2, passes.get());
  }

  @Test
  void aFailedPassIsRethrownToItsRunnerAndTheNextCallRunsAgain() {
    AtomicInteger passes = new AtomicInteger();
    SnapshotRefresh refresh = new SnapshotRefresh(() -> {
      if (passes.incrementAndGet() == 1) {
        throw new IllegalStateException("farm down");
      }
    });
    assertThrows(IllegalStateException.class, refresh::refresh);
    refresh.refresh();
    assertEquals(2, passes.get());
  }

  @Test
  void anInterruptedWaiterReturnsWithItsFlagSet() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SnapshotRefresh refresh = new SnapshotRefresh(() -> {
      running.countDown();
      await(release);
    });
    Future<?> runner = threads.submit(refresh::refresh);
    assertTrue(running.await(5, TimeUnit.SECONDS));
    CountDownLatch waiterDone = new CountDownLatch(1);
    boolean[] interrupted = new boolean[1];
    Thread waiter = new Thread(() -> {
      refresh.refresh();
      interrupted[0] = Thread.currentThread().isInterrupted();
      waiterDone.countDown();
    });
    waiter.start();
    Thread.sleep(100);
    waiter.interrupt();
    assertTrue(waiterDone.await(5, TimeUnit.SECONDS));
    assertTrue(interrupted[0]);
    release.countDown();
    runner.get(5, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
