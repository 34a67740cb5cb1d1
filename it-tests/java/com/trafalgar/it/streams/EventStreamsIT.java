package com.trafalgar.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SSE streams over real HTTP (API.md 8.2–8.5, 8.7, 3.7): headers, framing, snapshot then events,
 * replay, resync, keepalive, access tokens, and a client that stops reading.
 *
 * <p>The render and ingest features are not in this branch: {@link StreamTestServlet} publishes
 * and supplies the snapshot in their place. It keeps working after the merge (it replaces the
 * render service's snapshot source for the duration of this IT's deployment).
 */
@WarTest
class EventStreamsIT {
  /** About the SSE size of an event padded with {@link #SMALL_EVENT_PAD} (id, event, JSON). */
  private static final int SMALL_EVENT_BYTES = 700;
  private static final int SMALL_EVENT_PAD = 600;

  private static final String JOBS = "[{\"job_id\":\"snap-1\",\"status\":\"running\"},"
      + "{\"job_id\":\"snap-0\",\"status\":\"completed\"}]";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return StreamFixture.deployment();
  }

  @ArquillianResource Http http;
  StreamFixture fixture;

  @BeforeEach
  void client() {
    fixture = new StreamFixture(http);
    fixture.snapshot("render", JOBS, null);
  }

  @Test
  void renderStreamFlushesHeadersThenSnapshotThenEveryEventInOrder() {
    fixture.snapshot("render", JOBS, "job.updated");
    try (SseClient sse = SseClient.connect(http.uri("/render/jobs/stream"),
        Http.bearer(StreamFixture.READER))) {
      assertEquals(200, sse.response().statusCode());
      assertEquals("text/event-stream", sse.header("Content-Type").split(";")[0].trim());
      assertEquals("no-cache, no-store", sse.header("Cache-Control"));
      assertEquals("no", sse.header("X-Accel-Buffering"));

      SseClient.Message snapshot = sse.next(10);
      assertEquals("jobs.snapshot", snapshot.event());
      JsonNode body = snapshot.json();
      assertEquals("jobs.snapshot", body.get("event").asText());
      assertEquals(Http.JSON.readTree(JOBS), body.get("jobs"));
      // the refresh before the snapshot published job.updated: it is covered by the snapshot (15)
      long snapshotId = snapshot.idValue();
      assertEquals(snapshotId, fixture.counters("render").get("last_event_id").asLong());

      List<Long> ids = fixture.publish("render", "job.created", 5, 0);
      long previous = snapshotId;
      for (long id : ids) {
        SseClient.Message event = sse.nextEvent(10);
        assertEquals("job.created", event.event());
        assertEquals(id, event.idValue());
        assertTrue(event.idValue() > previous, "ids strictly increase");
        previous = event.idValue();
        assertEquals("job.created", event.json().get("event").asText());
        assertTrue(event.json().get("job").has("job_id"), event.data());
      }
      assertTrue(sse.otherLines().isEmpty(), "no retry: or other fields " + sse.otherLines());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSnapshotLargerThanAWriteSliceArrivesWholeThenTheEvents() throws IOException {
    // about 300 KB: several of SseSubscriber's 64 KiB slices, written as the client reads
    StringBuilder jobs = new StringBuilder("[");
    for (int i = 0; i < 2000; i++) {
      jobs.append(i == 0 ? "" : ",").append("{\"job_id\":\"big-").append(i)
          .append("\",\"status\":\"running\",\"scene\":\"/mnt/projects/alpha/seq")
          .append(i % 40).append("/shot").append(i).append("/lighting_v012.nk\",\"note\":\"")
          .append("x".repeat(60)).append("\"}");
    }
    String items = jobs.append("]").toString();
    fixture.snapshot("render", items, null);
    try (SseClient sse = SseClient.connect(http.uri("/render/jobs/stream"),
        Http.bearer(StreamFixture.READER))) {
      SseClient.Message snapshot = sse.next(20);
      assertEquals("jobs.snapshot", snapshot.event());
      assertTrue(snapshot.data().length() > 4 * 65536, "snapshot of " + snapshot.data().length());
      assertEquals(Http.JSON.readTree(items), snapshot.json().get("jobs"));
      List<Long> ids = fixture.publish("render", "job.created", 3, 0);
      for (long id : ids) {
        assertEquals(id, sse.nextEvent(10).idValue());
      }
    }
  }

  @Test
  void framingIsExactlyIdEventDataWithNewlines() {
    long last = fixture.counters("render").get("last_event_id").asLong();
    String answer = StreamFixture.raw(http.base().getPort(),
        "GET /jobs/stream?access_token=" + StreamFixture.READER + " HTTP/1.0\r\n"
            + "Host: 127.0.0.1\r\n\r\n",
        text -> text.contains("\r\n\r\n") && text.substring(text.indexOf("\r\n\r\n") + 4)
            .contains("\n\n"));
    String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
    String stream = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertTrue(head.startsWith("HTTP/1.1 200") || head.startsWith("HTTP/1.0 200"), head);
    String compactJobs = Http.JSON.createObjectNode().put("event", "jobs.snapshot")
        .set("jobs", readTree(JOBS)).toString();
    assertEquals("id: " + last + "\nevent: jobs.snapshot\ndata: " + compactJobs + "\n\n",
        stream);
  }

  @Test
  void ingestStreamHasNoInitialMessageAndKeepsAlive() {
    try (SseClient sse = SseClient.connect(http.uri("/runs/stream?access_token="
        + StreamFixture.TOKEN))) {
      assertEquals(200, sse.response().statusCode());
      assertEquals("no", sse.header("X-Accel-Buffering"));
      // keepalive interval is 1 s here: the first message is a keepalive, nothing else
      SseClient.Message first = sse.next(10);
      assertTrue(first.keepalive(), String.valueOf(first));
      long id = fixture.publishOne("ingest", "run.created");
      SseClient.Message event = sse.nextEvent(10);
      assertEquals(id, event.idValue());
      assertEquals("run.created", event.event());
      assertEquals("it-0", event.json().get("run").get("id").asText());
    }
  }

  @Test
  void replayAfterDisconnectReturnsExactlyTheMissedEvents() {
    long seen;
    try (SseClient sse = SseClient.connect(http.uri("/render/jobs/stream"),
        Http.bearer(StreamFixture.TOKEN))) {
      sse.next(10);
      List<Long> ids = fixture.publish("render", "job.updated", 2, 0);
      sse.nextEvent(10);
      seen = sse.nextEvent(10).idValue();
      assertEquals(ids.get(1), seen);
    }
    // every reconnection from the same position gets everything published since, in order
    List<Long> missed = new ArrayList<>(fixture.publish("render", "job.updated", 3, 0));
    assertReplays(missed, SseClient.connect(http.uri("/render/jobs/stream"),
        Http.bearer(StreamFixture.TOKEN)[0], Http.bearer(StreamFixture.TOKEN)[1],
        "Last-Event-ID", String.valueOf(seen)));
    // the query parameter works too, and the header wins over it
    assertReplays(missed, SseClient.connect(http.uri("/jobs/stream?last_event_id=" + seen
        + "&access_token=" + StreamFixture.READER)));
    assertReplays(missed, SseClient.connect(http.uri("/jobs/stream?last_event_id=nonsense"),
        "Authorization", "Bearer " + StreamFixture.READER, "Last-Event-ID", String.valueOf(seen)));
  }

  /** Expects exactly {@code missed} replayed, then one live event (added to {@code missed}). */
  private void assertReplays(List<Long> missed, SseClient sse) {
    try (sse) {
      for (long id : missed) {
        SseClient.Message replayed = sse.nextEvent(10);
        assertEquals(id, replayed.idValue());
      }
      long live = fixture.publishOne("render", "job.created");
      SseClient.Message next = sse.nextEvent(10);
      assertEquals(live, next.idValue(), "live events follow the replay with no gap");
      missed.add(live);
    }
  }

  @Test
  void currentPositionReplaysNothing() {
    long last = fixture.counters("render").get("last_event_id").asLong();
    try (SseClient sse = SseClient.connect(http.uri("/render/jobs/stream"),
        "Authorization", "Bearer " + StreamFixture.READER, "Last-Event-ID", String.valueOf(last))) {
      long live = fixture.publishOne("render", "job.created");
      assertEquals(live, sse.nextEvent(10).idValue());
    }
  }

  @Test
  void unusablePositionsGiveResyncThenAFreshSnapshot() {
    List<Long> ids = fixture.publish("render", "job.updated", StreamFixture.REPLAY_BUFFER + 4, 0);
    long tooOld = ids.get(0);
    long beyond = ids.get(ids.size() - 1) + 1000;
    for (String position : List.of(String.valueOf(tooOld), String.valueOf(beyond), "abc", "-1")) {
      try (SseClient sse = SseClient.connect(http.uri("/render/jobs/stream"),
          "Authorization", "Bearer " + StreamFixture.READER, "Last-Event-ID", position)) {
        SseClient.Message resync = sse.next(10);
        assertNull(resync.id(), "resync has no id line");
        assertEquals("resync", resync.event());
        assertEquals("{\"event\":\"resync\"}", resync.data());
        SseClient.Message snapshot = sse.next(10);
        assertEquals("jobs.snapshot", snapshot.event());
        assertEquals(fixture.counters("render").get("last_event_id").asLong(),
            snapshot.idValue());
        long live = fixture.publishOne("render", "job.created");
        assertEquals(live, sse.nextEvent(10).idValue());
      }
    }
    // ingest: resync then runs.snapshot
    try (SseClient sse = SseClient.connect(http.uri("/ingest/runs/stream?last_event_id=1"),
        Http.bearer(StreamFixture.READER))) {
      assertEquals("resync", sse.nextEvent(10).event());
      SseClient.Message snapshot = sse.nextEvent(10);
      assertEquals("runs.snapshot", snapshot.event());
      assertTrue(snapshot.json().get("runs").isArray(), snapshot.data());
    }
  }

  @Test
  void streamsRequireTheirRoles() {
    assertEquals(401, http.get("/render/jobs/stream").status());
    Http.Answer forbidden = http.get("/jobs/stream?access_token=" + StreamFixture.INGEST_ONLY);
    assertEquals(403, forbidden.status());
    assertEquals("Caller is missing required roles.", forbidden.json().get("detail").asText());
    assertEquals(401, http.get("/runs/stream?access_token=wrong").status());
    assertEquals(405, http.post("/render/jobs/stream", "", Http.bearer(StreamFixture.TOKEN))
        .status());
  }

  @Test
  void aClientThatStopsReadingNeitherDelaysOthersNorStaysSubscribed() throws IOException {
    // about 12 MB in large events: far more than the stalled connection's socket buffers hold
    stallOneClientWhilePublishing(800, 16_000);
  }

  @Test
  void aClientThatStopsReadingIsDroppedWhenEventsAreSmallToo() throws IOException {
    // job-sized events, 2 MiB more than the kernel's largest socket send buffer: past it, the
    // container must report the stream not ready after its bounded queue (pre-boot commands),
    // not buffer every small write in heap without ever starting the write deadline
    long bytes = kernelSendBufferMax() + 2L * 1024 * 1024;
    stallOneClientWhilePublishing((int) (bytes / SMALL_EVENT_BYTES) + 1, SMALL_EVENT_PAD);
  }

  /** The kernel's autotuning ceiling for a socket's send buffer; 4 MiB where it cannot be read. */
  private static long kernelSendBufferMax() {
    // a line reader: Files.readString trusts the size /proc reports and returns one byte
    try (BufferedReader line = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/tcp_wmem"))) {
      String[] wmem = line.readLine().trim().split("\\s+");
      return Long.parseLong(wmem[wmem.length - 1]);
    } catch (IOException | RuntimeException notLinux) {
      return 4L * 1024 * 1024;
    }
  }

  private void stallOneClientWhilePublishing(int events, int pad) throws IOException {
    // clients closed by earlier tests are found by their next keepalive
    int subscribersBefore = 0;
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == 0, 20);
    long disconnectedBefore = fixture.counters("render").get("disconnected_total").asLong();
    try (Socket stalled = new Socket()) {
      // a tiny receive window and no reads: the server's writes stop completing
      stalled.setReceiveBufferSize(2048);
      stalled.connect(new java.net.InetSocketAddress("127.0.0.1", http.base().getPort()));
      stalled.getOutputStream().write(("GET /render/jobs/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + StreamFixture.READER + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      stalled.getOutputStream().flush();
      fixture.awaitCounters("render",
          c -> c.get("subscribers").asInt() == subscribersBefore + 1, 20);

      try (SseClient healthy = SseClient.connect(http.uri("/render/jobs/stream"),
          Http.bearer(StreamFixture.READER))) {
        healthy.next(10);
        List<Long> ids = fixture.publish("render", "job.updated", events, pad);
        for (long id : ids) {
          assertEquals(id, healthy.nextEvent(20).idValue(), "the healthy client misses nothing");
        }
        JsonNode after = fixture.awaitCounters("render",
            c -> c.get("disconnected_total").asLong() > disconnectedBefore, 30);
        assertEquals(subscribersBefore + 1, after.get("subscribers").asInt(),
            "only the healthy client is still subscribed");
        long live = fixture.publishOne("render", "job.created");
        assertEquals(live, healthy.nextEvent(10).idValue());
        // keepalives still flow: closing the stalled stream held up no stream thread
        assertTrue(healthy.next(10).keepalive());
      }
    }
    fixture.awaitCounters("render", c -> c.get("subscribers").asInt() == subscribersBefore, 20);
  }

  @Test
  void subscriberCountFollowsConnectionsAndDeadClientsAreFound() {
    int before = 0;
    fixture.awaitCounters("ingest", c -> c.get("subscribers").asInt() == 0, 20);
    SseClient sse = SseClient.connect(http.uri("/ingest/runs/stream"),
        Http.bearer(StreamFixture.READER));
    fixture.awaitCounters("ingest", c -> c.get("subscribers").asInt() == before + 1, 20);
    sse.close();
    // a keepalive (1 s here) to the closed connection fails and unsubscribes it
    fixture.awaitCounters("ingest", c -> c.get("subscribers").asInt() == before, 20);
  }

  private static JsonNode readTree(String json) {
    try {
      return Http.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
