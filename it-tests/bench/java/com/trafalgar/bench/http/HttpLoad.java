package com.trafalgar.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * A load generator on one NIO selector thread with a fixed set of keep-alive HTTP/1.1
 * connections (no pipelining), so 1,000 connections cost one client thread and the client takes
 * as little CPU as possible from the server it shares the machine with.
 *
 * <ul>
 *   <li><b>closed loop</b>: each connection sends its next request as soon as the previous answer
 *       is complete; latency is service time (send → last byte).
 *   <li><b>fixed rate</b>: request {@code i} is due at {@code t0 + i / rate}; when no connection is
 *       free it waits, and its latency is still measured from its due time, so a stalled server
 *       is not hidden (coordinated omission).
 *   <li><b>burst</b>: every connection is opened first, then each sends one request at once.
 * </ul>
 *
 * Closed loop records the requests that complete inside the measurement window; fixed rate
 * records those due inside it, however late they complete. The warm-up is never recorded.
 */
public final class HttpLoad {
  private static final int SAMPLE_BYTES = 600;
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long BURST_NANOS = TimeUnit.SECONDS.toNanos(120);

  /** Told about every completed request, recorded or not (e.g. to know which were accepted). */
  public interface Listener {
    void completed(long number, int status);
  }

  private final InetSocketAddress address;
  private final LongFunction<byte[]> requests;
  private Listener listener = (number, status) -> { };
  private long maxRequests = Long.MAX_VALUE;

  /** {@code requests} builds request number {@code n} (0, 1, 2, ...) as raw bytes. */
  public HttpLoad(InetSocketAddress address, LongFunction<byte[]> requests) {
    this.address = address;
    this.requests = requests;
  }

  public HttpLoad listener(Listener listener) {
    this.listener = listener;
    return this;
  }

  /** Stops issuing after {@code total} requests (e.g. to pre-fill a history). */
  public HttpLoad limit(long total) {
    this.maxRequests = total;
    return this;
  }

  public LoadResult closedLoop(int connections, double warmupSeconds, double measureSeconds)
      throws IOException {
    return new Run("closed-loop", connections, 0, warmupSeconds, measureSeconds).execute();
  }

  public LoadResult fixedRate(int maxConnections, double ratePerSecond, double warmupSeconds,
      double measureSeconds) throws IOException {
    return new Run("fixed-rate", maxConnections, ratePerSecond, warmupSeconds, measureSeconds)
        .execute();
  }

  /** Opens {@code connections} connections, then sends one request on each at the same moment. */
  public LoadResult burst(int connections) throws IOException {
    return new Run("burst", connections, 0, 0, 0).execute();
  }

  private final class Conn {
    SocketChannel channel;
    SelectionKey key;
    final ResponseReader reader;
    ByteBuffer out;
    long startNanos;
    long number;
    boolean busy;
    boolean connected;
    final StringBuilder sample = new StringBuilder();

    Conn() {
      reader = new ResponseReader((data, offset, length) -> {
        if (sample.length() < SAMPLE_BYTES) {
          sample.append(new String(data, offset, Math.min(length, SAMPLE_BYTES - sample.length()),
              StandardCharsets.UTF_8));
        }
      });
    }
  }

  private final class Run {
    final String mode;
    final int connections;
    final double rate;
    final LoadResult result;
    final Selector selector;
    final List<Conn> conns = new ArrayList<>();
    final ArrayDeque<Conn> idle = new ArrayDeque<>();
    final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
    final long warmupNanos;
    final long measureNanos;
    long t0;
    long measureStart;
    long measureEnd;
    long sent;
    long inFlight;
    boolean burstFired;
    int burstReceived;

    Run(String mode, int connections, double rate, double warmupSeconds, double measureSeconds)
        throws IOException {
      this.mode = mode;
      this.connections = connections;
      this.rate = rate;
      this.warmupNanos = (long) (warmupSeconds * 1e9);
      this.measureNanos = (long) (measureSeconds * 1e9);
      this.result = new LoadResult(mode, connections, rate, measureSeconds);
      this.selector = Selector.open();
    }

    LoadResult execute() throws IOException {
      try {
        for (int i = 0; i < connections; i++) {
          Conn conn = new Conn();
          conns.add(conn);
          open(conn);
        }
        if (mode.equals("burst")) {
          runBurst();
        } else {
          runTimed();
        }
        return result;
      } finally {
        for (Conn conn : conns) {
          closeQuietly(conn);
        }
        selector.close();
      }
    }

    void runBurst() throws IOException {
      long deadline = System.nanoTime() + BURST_NANOS;
      while (System.nanoTime() < deadline) {
        if (!burstFired && idle.size() == connections) {
          burstFired = true;
          t0 = System.nanoTime();
          measureStart = t0;
          measureEnd = Long.MAX_VALUE;
          while (!idle.isEmpty()) {
            send(idle.poll(), System.nanoTime());
          }
        }
        if (burstFired && burstReceived >= connections) {
          break;
        }
        selector.select(50);
        handleKeys();
      }
      result.unfinished = connections - burstReceived;
    }

    void runTimed() throws IOException {
      // Connect everything first so the window measures requests, not TCP handshakes.
      long connectDeadline = System.nanoTime() + DRAIN_NANOS;
      while (idle.size() < connections && System.nanoTime() < connectDeadline) {
        selector.select(50);
        handleKeys();
      }
      t0 = System.nanoTime();
      measureStart = t0 + warmupNanos;
      measureEnd = measureStart + measureNanos;
      long intervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= measureEnd || sent >= maxRequests && inFlight == 0) {
          break;
        }
        long timeout = 5;
        if (rate > 0) {
          long due = (now - t0) / intervalNanos + 1;
          while (sent < due && sent < maxRequests && !idle.isEmpty()) {
            send(idle.poll(), t0 + sent * intervalNanos);
          }
          long nextDue = t0 + sent * intervalNanos;
          timeout = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDue - now));
        } else {
          while (!idle.isEmpty() && sent < maxRequests) {
            send(idle.poll(), now);
          }
        }
        selector.select(Math.min(timeout, 5));
        handleKeys();
      }
      if (rate > 0) {
        result.notSent = Math.max(0, (long) ((measureEnd - t0) * rate / 1e9) - sent);
      }
      long drainDeadline = System.nanoTime() + DRAIN_NANOS;
      while (inFlight > 0 && System.nanoTime() < drainDeadline) {
        selector.select(20);
        handleKeys();
      }
      result.unfinished = inFlight;
    }

    void open(Conn conn) throws IOException {
      conn.channel = SocketChannel.open();
      conn.channel.configureBlocking(false);
      conn.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      conn.connected = false;
      conn.busy = false;
      conn.reader.reset();
      if (conn.channel.connect(address)) {
        conn.connected = true;
        conn.key = conn.channel.register(selector, 0, conn);
        idle.add(conn);
      } else {
        conn.key = conn.channel.register(selector, SelectionKey.OP_CONNECT, conn);
      }
    }

    void send(Conn conn, long startNanos) {
      conn.number = sent;
      conn.out = ByteBuffer.wrap(requests.apply(sent));
      sent++;
      inFlight++;
      conn.busy = true;
      conn.startNanos = startNanos;
      conn.reader.reset();
      conn.sample.setLength(0);
      try {
        conn.channel.write(conn.out);
        conn.key.interestOps(conn.out.hasRemaining()
            ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
      } catch (IOException e) {
        failed(conn);
      }
    }

    void handleKeys() {
      var keys = selector.selectedKeys();
      for (SelectionKey key : keys) {
        Conn conn = (Conn) key.attachment();
        try {
          if (!key.isValid()) {
            continue;
          }
          if (key.isConnectable()) {
            conn.channel.finishConnect();
            conn.connected = true;
            key.interestOps(0);
            idle.add(conn);
            continue;
          }
          if (key.isWritable()) {
            conn.channel.write(conn.out);
            if (!conn.out.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          }
          if (key.isReadable()) {
            read(conn);
          }
        } catch (IOException | RuntimeException e) {
          failed(conn);
        }
      }
      keys.clear();
    }

    void read(Conn conn) throws IOException {
      while (true) {
        in.clear();
        int n = conn.channel.read(in);
        if (n < 0) {
          if (conn.busy && conn.reader.endOfStream()) {
            complete(conn);
          }
          if (conn.busy) {
            failed(conn);
          } else {
            reconnect(conn);
          }
          return;
        }
        if (n == 0) {
          return;
        }
        in.flip();
        if (!conn.busy) {
          continue; // unsolicited bytes on an idle connection: ignore
        }
        if (conn.reader.feed(in)) {
          complete(conn);
          if (conn.reader.closeAfter()) {
            reconnect(conn);
          } else if (!burstFired || !mode.equals("burst")) {
            idle.add(conn);
          }
          return;
        }
      }
    }

    void complete(Conn conn) {
      long end = System.nanoTime();
      conn.busy = false;
      inFlight--;
      if (mode.equals("burst")) {
        burstReceived++;
      }
      int status = conn.reader.status();
      listener.completed(conn.number, status);
      // Closed loop: what completed inside the window (service time). Fixed rate and burst: what
      // was due inside the window, however late it completed (no coordinated omission).
      long at = mode.equals("closed-loop") ? end : conn.startNanos;
      if (at >= measureStart && at < measureEnd) {
        result.completed++;
        result.statuses.merge(status, 1L, Long::sum);
        result.latencyMicros.recordValue(Math.max(0, (end - conn.startNanos) / 1000));
        result.sampleBodies.putIfAbsent(status, conn.sample.toString());
      }
    }

    void failed(Conn conn) {
      if (conn.busy) {
        conn.busy = false;
        inFlight--;
        if (mode.equals("burst")) {
          burstReceived++;
        }
        result.ioErrors++;
      }
      reconnect(conn);
    }

    void reconnect(Conn conn) {
      closeQuietly(conn);
      idle.remove(conn);
      if (mode.equals("burst") && burstFired) {
        return;
      }
      result.reconnects++;
      try {
        open(conn);
      } catch (IOException e) {
        result.ioErrors++;
      }
    }

    void closeQuietly(Conn conn) {
      try {
        if (conn.key != null) {
          conn.key.cancel();
        }
        if (conn.channel != null) {
          conn.channel.close();
        }
      } catch (IOException ignored) {
        // closing a dead socket
      }
    }
  }
}
