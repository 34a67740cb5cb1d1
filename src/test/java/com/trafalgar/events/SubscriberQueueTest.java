package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-subscriber queue of API.md 8.7: bounded, drop-oldest, opening messages kept whole. */
class SubscriberQueueTest {
  private static Frame event(long id) {
    return Frame.message(id, "job.updated", "{\"event\":\"job.updated\",\"n\":" + id + "}");
  }

  private static List<Long> drain(SubscriberQueue queue) {
    List<Long> ids = new ArrayList<>();
    for (Frame frame = queue.poll(); frame != null; frame = queue.poll()) {
      ids.add(frame.id());
    }
    return ids;
  }

  @Test
  void keepsEveryEventWhileThereIsRoom() {
    SubscriberQueue queue = new SubscriberQueue(3, 0);
    assertEquals(0, queue.offer(event(1)));
    assertEquals(0, queue.offer(event(2)));
    assertEquals(0, queue.offer(event(3)));
    assertEquals(List.of(1L, 2L, 3L), drain(queue));
  }

  @Test
  void aFullQueueDropsItsOldestEventAndCountsOnePerDrop() {
    SubscriberQueue queue = new SubscriberQueue(3, 0);
    int dropped = 0;
    for (long id = 1; id <= 7; id++) {
      dropped += queue.offer(event(id));
    }
    assertEquals(4, dropped);
    assertEquals(3, queue.size());
    assertEquals(List.of(5L, 6L, 7L), drain(queue));
  }

  @Test
  void openingMessagesComeFirstAndAreNeverDropped() {
    SubscriberQueue queue = new SubscriberQueue(2, 0);
    queue.open(List.of(Frame.RESYNC, event(10), event(11), event(12)));
    queue.offer(event(13));
    queue.offer(event(14));
    assertEquals(1, queue.offer(event(15)));
    assertSame(Frame.RESYNC, queue.poll());
    assertEquals(List.of(10L, 11L, 12L, 14L, 15L), drain(queue));
  }

  @Test
  void keepaliveOnlyWhenIdleForTheWholeInterval() {
    SubscriberQueue queue = new SubscriberQueue(4, 1_000);
    assertFalse(queue.offerKeepalive(1_999, 1_000), "not idle long enough");
    assertTrue(queue.offerKeepalive(2_000, 1_000));
    assertFalse(queue.offerKeepalive(2_000, 1_000), "one is already pending");
    assertSame(Frame.KEEPALIVE, queue.poll());
    queue.writeCompleted(2_500);
    assertFalse(queue.offerKeepalive(3_000, 1_000), "written 500 ms ago");
    queue.offer(event(1));
    assertFalse(queue.offerKeepalive(9_000, 1_000), "an event is pending");
    queue.poll();
    queue.writeStarted(9_000);
    assertFalse(queue.offerKeepalive(20_000, 1_000), "a write is in flight");
    queue.writeCompleted(20_000);
    assertTrue(queue.offerKeepalive(21_000, 1_000));
  }

  @Test
  void aWriteIsOverdueOnlyAfterTheTimeoutSinceItFirstStalled() {
    SubscriberQueue queue = new SubscriberQueue(4, 0);
    assertFalse(queue.overdue(100_000, 10_000), "nothing in flight");
    queue.writeStarted(1_000);
    queue.writeStarted(5_000); // still the same stall
    assertFalse(queue.overdue(10_999, 10_000));
    assertTrue(queue.overdue(11_000, 10_000));
    queue.writeCompleted(11_500);
    assertFalse(queue.overdue(50_000, 10_000), "the write completed");
  }

  @Test
  void aHeldQueueWritesNothingUntilItsOpeningArrives() {
    SubscriberQueue queue = new SubscriberQueue(3, 0);
    queue.hold();
    queue.offer(event(8));
    assertEquals(List.of(), drain(queue));
    assertFalse(queue.offerKeepalive(1_000_000, 10));
    queue.open(List.of(event(7)));
    assertEquals(List.of(7L, 8L), drain(queue));
  }
}
