package com.trafalgar.bench;

import com.trafalgar.bench.http.Requests;
import com.trafalgar.bench.http.ResponseReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The subscribers of the streams scenario: SSE clients on one NIO selector thread, WebSocket
 * clients on the JDK's asynchronous client (no thread per connection), and stalled subscribers
 * (raw sockets with a tiny receive buffer that send their request and never read).
 *
 * <p>Each published {@code job.created} carries its submission's sequence number and send time
 * ({@code System.nanoTime()} of this JVM) in the job's {@code scene}: receivers record
 * submission → receipt latency and which sequence numbers arrived; SSE clients also check that
 * event ids are contiguous.
 */
final class StreamClients implements AutoCloseable {
  static final String MARKER = "bench-seq-";

  /**
   * Submissions of one-frame jobs whose scene carries {@link #MARKER} and the next number of
   * {@code seq}, so each subscriber can tell which accepted submission an event is.
   */
  static LongFunction<byte[]> markedSubmissions(int port, String token, AtomicLong seq) {
    return n -> Requests.postJson(port, "/render/jobs", token,
        "{\"dcc\":\"nuke\",\"scene\":\"/mnt/projects/bench/" + MARKER + seq.getAndIncrement()
            + "-t" + System.nanoTime() + ".nk\",\"frames\":\"1-1\",\"output\":\"/mnt/out\"}");
  }

  /** One subscriber's view of the stream. */
  static final class Subscriber {
    final String kind;
    volatile boolean snapshot;
    volatile boolean closed;
    volatile long lastId = -1;
    long gaps;
    long missingIds;
    long events;
    final BitSet seqs = new BitSet();

    Subscriber(String kind) {
      this.kind = kind;
    }

    synchronized void seq(int seq) {
      seqs.set(seq);
    }

    synchronized int received(BitSet expected) {
      BitSet copy = (BitSet) seqs.clone();
      copy.and(expected);
      return copy.cardinality();
    }
  }

  private final InetSocketAddress address;
  private final String token;
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final List<SseConn> sse = new ArrayList<>();
  private final List<WebSocket> webSockets = new ArrayList<>();
  private final List<SocketChannel> stalled = new ArrayList<>();
  private final HttpClient wsClient;
  private final Selector selector;
  private final Thread selectorThread;
  private volatile boolean running = true;
  private volatile ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);

  StreamClients(InetSocketAddress address, String token) throws IOException {
    this.address = address;
    this.token = token;
    this.selector = Selector.open();
    this.wsClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.selectorThread = new Thread(this::loop, "bench-sse-clients");
    selectorThread.setDaemon(true);
    selectorThread.start();
  }

  /** Starts a new measurement phase: a fresh latency histogram. */
  Histogram startPhase() {
    ConcurrentHistogram previous = latencyMicros;
    latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    return previous;
  }

  List<Subscriber> subscribers() {
    return subscribers;
  }

  /** Opens {@code count} SSE subscribers and waits until each has its snapshot (or timeout). */
  int openSse(int count, long timeoutMillis) {
    List<Subscriber> opened = new ArrayList<>();
    byte[] request = ("GET /render/jobs/stream?access_token=" + token + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + address.getPort() + "\r\n"
        + "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < count; i++) {
      Subscriber subscriber = new Subscriber("sse");
      SseConn conn = new SseConn(subscriber, request);
      synchronized (this) {
        subscribers.add(subscriber);
        sse.add(conn);
      }
      opened.add(subscriber);
      conn.pendingOpen = true;
    }
    selector.wakeup();
    return awaitSnapshots(opened, timeoutMillis);
  }

  /** Opens {@code count} WebSocket subscribers and waits until each has its connected frame. */
  int openWebSockets(int count, long timeoutMillis) {
    List<Subscriber> opened = new ArrayList<>();
    List<CompletableFuture<WebSocket>> futures = new ArrayList<>();
    URI uri = URI.create("ws://127.0.0.1:" + address.getPort() + "/render/jobs/ws?access_token="
        + token);
    for (int i = 0; i < count; i++) {
      Subscriber subscriber = new Subscriber("ws");
      synchronized (this) {
        subscribers.add(subscriber);
      }
      opened.add(subscriber);
      futures.add(wsClient.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(uri, new WsListener(subscriber)));
    }
    for (int i = 0; i < futures.size(); i++) {
      try {
        webSockets.add(futures.get(i).get(timeoutMillis, TimeUnit.MILLISECONDS));
      } catch (Exception e) {
        opened.get(i).closed = true; // the upgrade was refused or timed out
      }
    }
    return awaitSnapshots(opened, timeoutMillis);
  }

  /**
   * Opens stalled subscribers, half SSE and half WebSocket upgrades: each sends its request with
   * a 4 KiB receive buffer and never reads a byte.
   */
  int openStalled(int count) {
    int opened = 0;
    for (int i = 0; i < count; i++) {
      try {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        channel.connect(address);
        String request = i % 2 == 0
            ? "GET /render/jobs/stream?access_token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + address.getPort() + "\r\nAccept: text/event-stream\r\n\r\n"
            : "GET /render/jobs/ws?access_token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + address.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        stalled.add(channel);
        opened++;
      } catch (IOException e) {
        // reported as fewer stalled subscribers
      }
    }
    return opened;
  }

  /** Closes the stalled subscribers of the last phase. */
  void closeStalled() {
    for (SocketChannel channel : stalled) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    stalled.clear();
  }

  private int awaitSnapshots(List<Subscriber> opened, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (opened.stream().allMatch(s -> s.snapshot || s.closed)) {
        break;
      }
      ServerProcess.sleep(50);
    }
    return (int) opened.stream().filter(s -> s.snapshot && !s.closed).count();
  }

  /** Called with each received event payload (compact JSON text). */
  private void onPayload(Subscriber subscriber, String event, String data) {
    long now = System.nanoTime();
    subscriber.events++;
    if (event == null) {
      // WebSocket frames carry no event line: the payload's "event" key says it.
      if (data.startsWith("{\"type\":\"connected\"") || data.contains("\"type\":\"connected\"")) {
        subscriber.snapshot = true;
        return;
      }
      event = data.contains("\"event\":\"job.created\"") ? "job.created" : "other";
    }
    if (event.equals("jobs.snapshot")) {
      subscriber.snapshot = true;
      return;
    }
    if (!event.equals("job.created")) {
      return;
    }
    int at = data.indexOf(MARKER);
    if (at < 0) {
      return;
    }
    int i = at + MARKER.length();
    int seq = 0;
    while (i < data.length() && Character.isDigit(data.charAt(i))) {
      seq = seq * 10 + (data.charAt(i++) - '0');
    }
    if (i + 1 < data.length() && data.charAt(i) == '-' && data.charAt(i + 1) == 't') {
      i += 2;
      long sent = 0;
      while (i < data.length() && Character.isDigit(data.charAt(i))) {
        sent = sent * 10 + (data.charAt(i++) - '0');
      }
      latencyMicros.recordValue(Math.max(0, (now - sent) / 1000));
    }
    subscriber.seq(seq);
  }

  private final class WsListener implements WebSocket.Listener {
    private final Subscriber subscriber;
    private final StringBuilder text = new StringBuilder();

    WsListener(Subscriber subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String payload = text.toString();
        text.setLength(0);
        onPayload(subscriber, null, payload);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      subscriber.closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      subscriber.closed = true;
    }
  }

  /** One SSE connection: HTTP response headers, then the event stream line by line. */
  private final class SseConn {
    final Subscriber subscriber;
    final byte[] request;
    SocketChannel channel;
    SelectionKey key;
    ByteBuffer out;
    volatile boolean pendingOpen;
    byte[] lineBytes = new byte[4096];
    int lineLength;
    String event;
    long id = -1;
    String data;
    final ResponseReader reader;

    SseConn(Subscriber subscriber, byte[] request) {
      this.subscriber = subscriber;
      this.request = request;
      this.reader = new ResponseReader(this::body);
    }

    void body(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        byte b = bytes[i];
        if (b == '\n') {
          line(lineBytes, lineLength);
          lineLength = 0;
          if (lineBytes.length > 65536) {
            lineBytes = new byte[4096]; // a snapshot line was long: do not keep it per client
          }
        } else {
          if (lineLength == lineBytes.length) {
            lineBytes = java.util.Arrays.copyOf(lineBytes, lineBytes.length * 2);
          }
          lineBytes[lineLength++] = b;
        }
      }
    }

    /**
     * One line of the stream, read from its bytes: the load generator shares the two cores with
     * the servers it measures, so it builds a String only for an event's name and data.
     */
    void line(byte[] bytes, int length) {
      if (length == 0) {
        if (data != null) {
          if (id >= 0) {
            if (subscriber.lastId >= 0 && id != subscriber.lastId + 1) {
              subscriber.gaps++;
              subscriber.missingIds += Math.max(0, id - subscriber.lastId - 1);
            }
            subscriber.lastId = id;
          }
          if (event != null) {
            onPayload(subscriber, event, data);
          }
        }
        event = null;
        data = null;
        id = -1;
      } else if (startsWith(bytes, length, ID)) {
        id = parseLong(bytes, ID.length, length);
      } else if (startsWith(bytes, length, EVENT)) {
        event = field(bytes, EVENT.length, length);
      } else if (startsWith(bytes, length, DATA)) {
        data = field(bytes, DATA.length, length);
      }
    }
  }

  private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The field's value: after the prefix, without surrounding blanks. */
  private static String field(byte[] bytes, int from, int to) {
    while (from < to && bytes[from] == ' ') {
      from++;
    }
    while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\r')) {
      to--;
    }
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  /** A decimal id after the prefix; -1 when it is not one. */
  private static long parseLong(byte[] bytes, int from, int to) {
    try {
      return Long.parseLong(field(bytes, from, to));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void loop() {
    ByteBuffer in = ByteBuffer.allocate(256 * 1024);
    while (running) {
      try {
        List<SseConn> toOpen = new ArrayList<>();
        synchronized (this) {
          for (SseConn conn : sse) {
            if (conn.pendingOpen) {
              conn.pendingOpen = false;
              toOpen.add(conn);
            }
          }
        }
        for (SseConn conn : toOpen) {
          try {
            conn.channel = SocketChannel.open();
            conn.channel.configureBlocking(false);
            conn.channel.connect(address);
            conn.key = conn.channel.register(selector, SelectionKey.OP_CONNECT, conn);
          } catch (IOException e) {
            conn.subscriber.closed = true;
          }
        }
        selector.select(100);
        var keys = selector.selectedKeys();
        for (SelectionKey key : keys) {
          SseConn conn = (SseConn) key.attachment();
          try {
            if (!key.isValid()) {
              continue;
            }
            if (key.isConnectable()) {
              conn.channel.finishConnect();
              conn.out = ByteBuffer.wrap(conn.request);
              conn.channel.write(conn.out);
              key.interestOps(conn.out.hasRemaining()
                  ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
              continue;
            }
            if (key.isWritable()) {
              conn.channel.write(conn.out);
              if (!conn.out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
              }
            }
            if (key.isReadable()) {
              while (true) {
                in.clear();
                int n = conn.channel.read(in);
                if (n < 0) {
                  throw new IOException("closed by server");
                }
                if (n == 0) {
                  break;
                }
                in.flip();
                if (conn.reader.feed(in)) {
                  throw new IOException("stream ended");
                }
                if (conn.reader.headersDone() && conn.reader.status() != 200) {
                  throw new IOException("status " + conn.reader.status());
                }
                if (n < in.capacity()) {
                  break; // drained: the selector reports the channel again when more arrives
                }
              }
            }
          } catch (IOException | RuntimeException e) {
            conn.subscriber.closed = true;
            key.cancel();
            try {
              conn.channel.close();
            } catch (IOException ignored) {
              // already gone
            }
          }
        }
        keys.clear();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      selectorThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SseConn conn : sse) {
      try {
        if (conn.channel != null) {
          conn.channel.close();
        }
      } catch (IOException ignored) {
        // closing
      }
    }
    for (WebSocket webSocket : webSockets) {
      webSocket.abort();
    }
    for (SocketChannel channel : stalled) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
