package com.trafalgar.it.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request over a raw socket, so malformed bytes go out exactly as the corpus wrote them, and
 * what the server did about it within a deadline: answered (status, headers, body), closed the
 * connection without answering, sent something that is not HTTP/1.x, or nothing at all (a hang).
 * The client never half-closes: a request that lies about its length stays open until the server
 * acts.
 */
final class RawExchange {
  /** What the server did. */
  enum Kind { ANSWERED, CLOSED, NOT_HTTP, TIMEOUT }

  /** The outcome of one exchange. */
  record Outcome(Kind kind, int status, Map<String, String> headers, byte[] body,
      boolean bodyComplete, long millis, String note) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    Outcome withNote(String more) {
      if (more == null) {
        return this;
      }
      return new Outcome(kind, status, headers, body, bodyComplete, millis,
          note == null ? more : note + "; " + more);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String summary() {
      return switch (kind) {
        case ANSWERED -> status + " " + abbreviate(bodyText())
            + (bodyComplete ? "" : " (body cut)") + (note == null ? "" : " (" + note + ")");
        case CLOSED -> "closed without an answer" + (note == null ? "" : " (" + note + ")");
        case NOT_HTTP -> "answered with non-HTTP bytes: " + abbreviate(bodyText());
        case TIMEOUT ->
            "no answer within " + millis + " ms" + (note == null ? "" : " (" + note + ")");
      } + " [" + millis + " ms]";
    }
  }

  /** One piece of a request: bytes to write, then a pause before the next piece. */
  record Piece(byte[] bytes, long pauseMillis) {}

  /** How a WebSocket ended after a case's frames: closed (with its code, if any) or still open. */
  record SocketClose(boolean closed, int closeCode, String note) {}

  private static final int MAX_BODY = 2 * 1024 * 1024;
  private static final ExecutorService WRITERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "corpus-writer");
    thread.setDaemon(true);
    return thread;
  });

  private RawExchange() {}

  /**
   * Sends {@code request} to {@code port} and reads the answer within {@code deadlineMillis} of
   * the first byte sent. For a 101 answer, {@code afterUpgrade} (when not empty) is sent and the
   * server must close the WebSocket within the same deadline; the result is in the outcome note.
   */
  static Outcome exchange(int port, List<Piece> request, List<Piece> afterUpgrade,
      long deadlineMillis) {
    long start = System.nanoTime();
    long deadline = start + deadlineMillis * 1_000_000L;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      // Written on another thread: a server that answers early and stops reading must not leave
      // this client blocked in a write, unable to read the answer. Closing the socket ends it.
      Future<String> sending = WRITERS.submit(() -> send(out, request, deadline));
      Reader reader = new Reader(socket, socket.getInputStream(), deadline);
      Outcome outcome = read(reader, start).withNote(note(sending));
      if (outcome.kind() == Kind.ANSWERED && outcome.status() == 101 && !afterUpgrade.isEmpty()) {
        awaitQuietly(sending, deadline);
        String note = send(out, afterUpgrade, deadline);
        SocketClose close = awaitClose(reader);
        String text = close.closed()
            ? "server closed the WebSocket" + (close.closeCode() > 0 ? " with " + close.closeCode()
                : "") : "server kept the WebSocket open: " + close.note();
        return new Outcome(outcome.kind(), outcome.status(), outcome.headers(), outcome.body(),
            close.closed(), elapsed(start), note == null ? text : text + "; " + note);
      }
      return outcome;
    } catch (IOException e) {
      return new Outcome(Kind.CLOSED, 0, Map.of(), new byte[0], true, elapsed(start),
          "connect: " + e);
    }
  }

  /** Lets the request's writer finish (one writer at a time on a socket). */
  private static void awaitQuietly(Future<String> sending, long deadline) {
    try {
      sending.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // noted with the outcome
    }
  }

  /** What happened to the request's writing, when worth saying. */
  private static String note(Future<String> sending) {
    if (!sending.isDone()) {
      return "the request was still being written";
    }
    try {
      return sending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (ExecutionException e) {
      return e.getCause().toString();
    }
  }

  /** Writes the pieces; a server that stops reading is noted, not an error (it may answer). */
  private static String send(OutputStream out, List<Piece> pieces, long deadline) {
    try {
      for (Piece piece : pieces) {
        out.write(piece.bytes());
        out.flush();
        if (piece.pauseMillis() > 0) {
          long remaining = (deadline - System.nanoTime()) / 1_000_000L;
          Thread.sleep(Math.max(0, Math.min(piece.pauseMillis(), remaining)));
        }
      }
      return null;
    } catch (IOException e) {
      return "the server stopped reading: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static Outcome read(Reader reader, long start) {
    String statusLine;
    try {
      statusLine = reader.line();
    } catch (SocketTimeoutException e) {
      return new Outcome(Kind.TIMEOUT, 0, Map.of(), reader.seen(), false, elapsed(start), null);
    } catch (IOException e) {
      return new Outcome(Kind.CLOSED, 0, Map.of(), reader.seen(), true, elapsed(start),
          e.getMessage());
    }
    if (statusLine == null) {
      return new Outcome(Kind.CLOSED, 0, Map.of(), new byte[0], true, elapsed(start), null);
    }
    String[] parts = statusLine.split(" ", 3);
    int status;
    try {
      status = parts[0].startsWith("HTTP/1.") && parts.length >= 2
          ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      status = -1;
    }
    if (status < 100 || status > 599) {
      return new Outcome(Kind.NOT_HTTP, 0, Map.of(), reader.seen(), true, elapsed(start),
          statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    boolean complete = false;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      String line;
      while ((line = reader.line()) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
      }
      if (status == 101 || status == 100 || isStream(status, headers)) {
        // an upgraded connection or an open event stream: the answer is the head
        complete = true;
      } else if (status == 204 || status == 304) {
        complete = true;
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        complete = reader.chunked(body);
      } else if (headers.containsKey("content-length")) {
        complete = reader.exactly(Long.parseLong(headers.get("content-length").trim()), body);
      } else {
        complete = reader.untilClose(body);
      }
    } catch (SocketTimeoutException e) {
      complete = false;
    } catch (IOException | NumberFormatException e) {
      complete = false;
    }
    if (status == 100) {
      // an interim answer: the final one must follow within the deadline
      return read(reader, start);
    }
    return new Outcome(Kind.ANSWERED, status, headers, body.toByteArray(), complete,
        elapsed(start), null);
  }

  private static boolean isStream(int status, Map<String, String> headers) {
    String type = headers.getOrDefault("content-type", "");
    return status == 200 && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  /** Reads server frames after an upgrade until a close frame or the end of the connection. */
  private static SocketClose awaitClose(Reader reader) {
    try {
      while (true) {
        int first = reader.read();
        if (first < 0) {
          return new SocketClose(true, 0, null);
        }
        int second = reader.read();
        if (second < 0) {
          return new SocketClose(true, 0, null);
        }
        long length = second & 0x7f;
        if (length == 126) {
          length = (reader.read() << 8) | reader.read();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | reader.read();
          }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        if (!reader.exactly(length, payload)) {
          return new SocketClose(true, 0, "cut inside a frame");
        }
        if ((first & 0x0f) == 0x8) {
          byte[] bytes = payload.toByteArray();
          int code = bytes.length >= 2 ? ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff) : 0;
          return new SocketClose(true, code, null);
        }
      }
    } catch (SocketTimeoutException e) {
      return new SocketClose(false, 0, "no close before the deadline");
    } catch (IOException e) {
      return new SocketClose(true, 0, e.getMessage());
    }
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000L;
  }

  static String abbreviate(String text) {
    String flat = text.replace("\r", "\\r").replace("\n", "\\n");
    return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
  }

  /** Byte-wise reads against the overall deadline (the socket timeout is set before each read). */
  private static final class Reader {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    Reader(Socket socket, InputStream in, long deadline) {
      this.socket = socket;
      this.in = in;
      this.deadline = deadline;
    }

    byte[] seen() {
      return seen.toByteArray();
    }

    int read() throws IOException {
      if (position == limit) {
        long remaining = (deadline - System.nanoTime()) / 1_000_000L;
        if (remaining <= 0) {
          throw new SocketTimeoutException("deadline");
        }
        socket.setSoTimeout((int) Math.max(1, remaining));
        int n = in.read(buffer);
        if (n < 0) {
          return -1;
        }
        if (seen.size() < 4096) {
          seen.write(buffer, 0, Math.min(n, 4096 - seen.size()));
        }
        position = 0;
        limit = n;
      }
      return buffer[position++] & 0xff;
    }

    /** A line without its CRLF (or LF); {@code null} at the end of the stream before any byte. */
    String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        int b = read();
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
        if (b == '\n') {
          String text = line.toString(StandardCharsets.ISO_8859_1);
          return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
        if (line.size() > 64 * 1024) {
          throw new IOException("line too long");
        }
        line.write(b);
      }
    }

    boolean exactly(long length, ByteArrayOutputStream out) throws IOException {
      for (long i = 0; i < length; i++) {
        int b = read();
        if (b < 0) {
          return false;
        }
        if (out.size() < MAX_BODY) {
          out.write(b);
        }
      }
      return true;
    }

    boolean untilClose(ByteArrayOutputStream out) throws IOException {
      int b;
      while ((b = read()) >= 0) {
        if (out.size() < MAX_BODY) {
          out.write(b);
        }
      }
      return true;
    }

    boolean chunked(ByteArrayOutputStream out) throws IOException {
      while (true) {
        String size = line();
        if (size == null) {
          return false;
        }
        long length = Long.parseLong(size.split(";", 2)[0].trim(), 16);
        if (length == 0) {
          String trailer;
          while ((trailer = line()) != null && !trailer.isEmpty()) {
            // trailers are not used
          }
          return true;
        }
        if (!exactly(length, out) || line() == null) {
          return false;
        }
      }
    }
  }
}
