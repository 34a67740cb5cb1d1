package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDomainSeamTest {

  private static List<Long> ids(List<DomainEvent> events) {
    return events.stream().map(DomainEvent::id).toList();
  }

  @Test
  void idsStartAfterStartTimeTimesThousandAndIncrease() {
    EventDomain domain = new EventDomain("render", 4, 1_716_200_000_000L, "jobs.snapshot",
        "jobs");
    assertEquals(1_716_200_000_000_000L, domain.lastEventId());
    DomainEvent first = domain.publish("job.created", Json.object());
    DomainEvent second = domain.publish("job.updated", Json.object());
    assertEquals(1_716_200_000_000_001L, first.id());
    assertEquals(first.id() + 1, second.id());
    assertEquals("{\"event\":\"job.updated\"}", second.data());
  }

  @Test
  void replayFollowsTheContractTable() {
    EventDomain domain = new EventDomain("ingest", 3, 1, "runs.snapshot", "runs");
    long start = domain.lastEventId();
    assertEquals(List.of(), domain.eventsAfter(start).orElseThrow());
    assertTrue(domain.eventsAfter(start - 1).isEmpty(), "empty buffer cannot replay");
    for (int i = 0; i < 5; i++) {
      domain.publish("run.created", Json.object());
    }
    long last = domain.lastEventId(); // buffer holds last-2..last
    assertEquals(List.of(), domain.eventsAfter(last).orElseThrow());
    assertEquals(List.of(last), ids(domain.eventsAfter(last - 1).orElseThrow()));
    assertEquals(List.of(last - 2, last - 1, last),
        ids(domain.eventsAfter(last - 3).orElseThrow()));
    assertTrue(domain.eventsAfter(last - 4).isEmpty(), "older than O - 1");
    assertTrue(domain.eventsAfter(last + 1).isEmpty(), "ahead of L");
  }

  @Test
  void listenersSeeEventsInOrderAndCountersTrack() {
    EventDomain domain = new EventDomain("render", 8, 1, "jobs.snapshot", "jobs");
    List<Long> seen = new ArrayList<>();
    EventListener listener = event -> seen.add(event.id());
    domain.atomically(() -> domain.subscribe(listener));
    domain.subscriberConnected();
    domain.publish("a", Json.object());
    domain.publish("b", Json.object());
    domain.unsubscribe(listener);
    domain.publish("c", Json.object());
    assertEquals(2, seen.size());
    domain.recordTrimmed(3);
    domain.recordDisconnected();
    EventCounters counters = domain.counters();
    assertEquals(new EventCounters(1, 3, 3, 1, domain.lastEventId(), 8), counters);
  }
}
