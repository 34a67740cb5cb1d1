package com.trafalgar.bench.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Incremental HTTP/1.1 response parser for non-blocking clients: bytes arrive in arbitrary
 * pieces, the status and headers are parsed once complete, the body is delimited by
 * {@code Content-Length} or chunked transfer coding and handed to a {@link BodySink} as it
 * arrives (so an SSE stream is consumed without ever being buffered whole).
 */
public final class ResponseReader {
  /** Receives body bytes as they are decoded. */
  public interface BodySink {
    void accept(byte[] data, int offset, int length);
  }

  private enum State {
    HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTIL_CLOSE, DONE
  }

  private final BodySink sink;
  private final byte[] headerBytes = new byte[16 * 1024];
  private int headerLength;
  private final StringBuilder line = new StringBuilder();
  private State state = State.HEADERS;
  private long remaining;
  private int status;
  private boolean closeAfter;

  public ResponseReader(BodySink sink) {
    this.sink = sink;
  }

  /** Prepares for the next response on the same connection. */
  public void reset() {
    headerLength = 0;
    line.setLength(0);
    state = State.HEADERS;
    remaining = 0;
    status = 0;
    closeAfter = false;
  }

  public int status() {
    return status;
  }

  public boolean headersDone() {
    return state != State.HEADERS;
  }

  /** Whether the server asked to close the connection after this response. */
  public boolean closeAfter() {
    return closeAfter;
  }

  /**
   * Consumes bytes from {@code in}. Returns true once the response is complete; bytes of a next
   * response (none without pipelining) are left in {@code in}.
   */
  public boolean feed(ByteBuffer in) {
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case HEADERS -> readHeaders(in);
        case FIXED, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.remaining());
          deliver(in, n);
          remaining -= n;
          if (remaining == 0) {
            state = state == State.FIXED ? State.DONE : State.CHUNK_DATA_END;
          }
        }
        case UNTIL_CLOSE -> deliver(in, in.remaining());
        case CHUNK_SIZE -> {
          String size = readLine(in);
          if (size != null) {
            int semicolon = size.indexOf(';');
            String hex = (semicolon >= 0 ? size.substring(0, semicolon) : size).trim();
            remaining = Long.parseLong(hex, 16);
            state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
          }
        }
        case CHUNK_DATA_END -> {
          if (readLine(in) != null) {
            state = State.CHUNK_SIZE;
          }
        }
        case TRAILERS -> {
          String trailer = readLine(in);
          if (trailer != null && trailer.isEmpty()) {
            state = State.DONE;
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return state == State.DONE;
  }

  /** For a body delimited by the end of the connection: the connection closed, so it is done. */
  public boolean endOfStream() {
    if (state == State.UNTIL_CLOSE) {
      state = State.DONE;
      return true;
    }
    return state == State.DONE;
  }

  private void deliver(ByteBuffer in, int n) {
    if (n == 0) {
      return;
    }
    if (sink == null) {
      in.position(in.position() + n);
      return;
    }
    if (in.hasArray()) {
      sink.accept(in.array(), in.arrayOffset() + in.position(), n);
      in.position(in.position() + n);
    } else {
      byte[] copy = new byte[n];
      in.get(copy);
      sink.accept(copy, 0, n);
    }
  }

  private String readLine(ByteBuffer in) {
    while (in.hasRemaining()) {
      char c = (char) (in.get() & 0xff);
      if (c == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          end--;
        }
        String result = line.substring(0, end);
        line.setLength(0);
        return result;
      }
      line.append(c);
    }
    return null;
  }

  private void readHeaders(ByteBuffer in) {
    while (in.hasRemaining()) {
      if (headerLength == headerBytes.length) {
        throw new IllegalStateException("response headers exceed 16 KiB");
      }
      byte b = in.get();
      headerBytes[headerLength++] = b;
      if (b == '\n' && headerLength >= 4 && headerBytes[headerLength - 2] == '\r'
          && headerBytes[headerLength - 3] == '\n' && headerBytes[headerLength - 4] == '\r') {
        parseHeaders();
        return;
      }
    }
  }

  private void parseHeaders() {
    String text = new String(headerBytes, 0, headerLength, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    status = Integer.parseInt(statusLine[1]);
    long contentLength = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    if (status == 204 || status == 304 || status / 100 == 1) {
      state = State.DONE;
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      state = contentLength == 0 ? State.DONE : State.FIXED;
    } else {
      state = State.UNTIL_CLOSE;
      closeAfter = true;
    }
  }
}
