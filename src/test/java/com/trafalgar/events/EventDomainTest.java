package com.trafalgar.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Event numbering, the replay ring and every row of the replay table of API.md 8.5. */
class EventDomainTest {
  private static final long START = 1_716_200_000_000L;
  private static final long S = START * 1000;

  private final EventDomain domain = new EventDomain("render", 4, START, "jobs.snapshot", "jobs");

  private List<Long> publish(int count) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode job = Json.object().put("job_id", "job-" + i);
      ids.add(domain.publish("job.created", EventDomain.payload("job", job)).id());
    }
    return ids;
  }

  private static List<Long> ids(Optional<List<DomainEvent>> events) {
    return events.orElseThrow().stream().map(DomainEvent::id).toList();
  }

  @Test
  void idsStartAfterTheStartTimeTimesAThousandAndIncreaseByOne() {
    assertEquals(S, domain.lastEventId());
    assertEquals(List.of(S + 1, S + 2, S + 3), publish(3));
    assertEquals(S + 3, domain.lastEventId());
  }

  @Test
  void payloadCarriesTheEventNameFirstAndIsCompactJson() {
    ObjectNode job = Json.object().put("job_id", "a b");
    DomainEvent event = domain.publish("job.updated", EventDomain.payload("job", job));
    assertEquals("{\"event\":\"job.updated\",\"job\":{\"job_id\":\"a b\"}}", event.data());
  }

  @Test
  void positionEqualToTheLastIdReplaysNothing() {
    publish(2);
    assertEquals(List.of(), ids(domain.eventsAfter(S + 2)));
  }

  @Test
  void beforeAnyEventTheStartPositionIsCurrentAndAnythingElseResyncs() {
    assertEquals(List.of(), ids(domain.eventsAfter(S)));
    assertTrue(domain.eventsAfter(S - 1).isEmpty(), "older than an empty buffer");
    assertTrue(domain.eventsAfter(S + 1).isEmpty(), "beyond L");
  }

  @Test
  void positionsInsideTheBufferReplayEveryLaterEventInOrder() {
    publish(6); // ring of 4 keeps S+3..S+6, so O = S+3
    assertEquals(List.of(S + 3, S + 4, S + 5, S + 6), ids(domain.eventsAfter(S + 2)));
    assertEquals(List.of(S + 4, S + 5, S + 6), ids(domain.eventsAfter(S + 3)));
    assertEquals(List.of(S + 6), ids(domain.eventsAfter(S + 5)));
  }

  @Test
  void positionsOlderThanTheBufferOrBeyondTheLastIdResync() {
    publish(6);
    assertTrue(domain.eventsAfter(S + 1).isEmpty(), "X < O - 1");
    assertTrue(domain.eventsAfter(0).isEmpty());
    assertTrue(domain.eventsAfter(S + 7).isEmpty(), "X > L");
  }

  @Test
  void everyEventEntersTheRingEvenWithoutSubscribers() {
    List<Long> ids = publish(4);
    assertEquals(ids, ids(domain.eventsAfter(S)));
    assertEquals(4, domain.counters().publishedTotal());
    assertEquals(4, domain.counters().replayBufferCapacity());
  }

  @Test
  void listenersGetEveryEventInOrderAndOneFailingListenerHarmsNoOther() {
    List<Long> seen = new ArrayList<>();
    domain.subscribe(event -> {
      throw new IllegalStateException("broken listener");
    });
    domain.subscribe(event -> seen.add(event.id()));
    List<Long> ids = publish(3);
    assertEquals(ids, seen);
    assertEquals(LongStream.rangeClosed(S + 1, S + 3).boxed().toList(), seen);
  }

  @Test
  void countersTrackSubscribersTrimmedAndDisconnected() {
    domain.subscriberConnected();
    domain.subscriberConnected();
    domain.subscriberDisconnected();
    domain.recordTrimmed(3);
    domain.recordDisconnected();
    EventCounters counters = domain.counters();
    assertEquals(1, counters.subscribers());
    assertEquals(3, counters.trimmedTotal());
    assertEquals(1, counters.disconnectedTotal());
    assertEquals(S, counters.lastEventId());
  }

  @Test
  void aLoggedEventIsParsedOnceForItsStateChangeAndItsSubscribers() {
    List<JsonNode> applied = new ArrayList<>();
    List<DomainEvent> seen = new ArrayList<>();
    domain.subscribe(seen::add);
    String data = "{\"event\":\"job.created\",\"job\":{\"job_id\":\"j1\"}}";

    assertTrue(domain.deliver(S + 7, "job.created", data, applied::add));
    assertFalse(domain.deliver(S + 7, "job.created", data, applied::add), "at or below L");

    assertEquals(1, applied.size());
    assertEquals("j1", applied.get(0).path("job").path("job_id").asText());
    assertSame(applied.get(0), seen.get(0).payload(), "one tree for both");
    assertEquals(data, seen.get(0).data());
    assertEquals(S + 7, domain.lastEventId());
  }

  @Test
  void anUnreadableLoggedEventStillTakesItsIdSoSubscribersSeeNoGap() {
    List<JsonNode> applied = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    domain.subscribe(event -> seen.add(event.id()));

    assertTrue(domain.deliver(S + 1, "job.created", "{not json", applied::add));

    assertEquals("unreadable", applied.get(0).path("event").asText());
    assertEquals(List.of(S + 1), seen);
  }

  @Test
  void sharedWithAStoreThatLogsItsEventsPublishingBuildsNothing() {
    RecordingLog log = new RecordingLog();
    domain.share(log, S, false);
    boolean[] built = {false};

    assertNull(domain.publish("job.created", () -> {
      built[0] = true;
      return EventDomain.payload("job", Json.object().put("job_id", "j1"));
    }));

    assertFalse(built[0], "the store logs the event; the domain's payload would be thrown away");
    assertEquals(List.of(), log.appended);
    assertEquals(S, domain.lastEventId());
  }

  @Test
  void sharedAndLoggingItselfPublishingAppendsToTheLogInsteadOfDelivering() {
    RecordingLog log = new RecordingLog();
    domain.share(log, S, true);
    List<Long> seen = new ArrayList<>();
    domain.subscribe(event -> seen.add(event.id()));

    assertNull(domain.publish("run.created",
        EventDomain.payload("run", Json.object().put("run_id", "r1"))));

    assertEquals(
        List.of("render run.created {\"event\":\"run.created\",\"run\":{\"run_id\":\"r1\"}}"),
        log.appended);
    assertEquals(List.of(), seen, "delivered when the log hands it back, with the log's id");
  }

  /** A shared log that keeps what it is given. */
  private static final class RecordingLog implements SharedEventLog {
    final List<String> appended = new ArrayList<>();

    @Override
    public boolean active() {
      return true;
    }

    @Override
    public long head(String name) {
      return S;
    }

    @Override
    public Optional<List<DomainEvent>> after(String name, long afterId, int max) {
      return Optional.of(List.of());
    }

    @Override
    public void append(String name, String event, String data) {
      appended.add(name + " " + event + " " + data);
    }

    @Override
    public void follow(EventDomain followed) {}
  }
}
