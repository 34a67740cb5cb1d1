package com.trafalgar.it.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so a request target goes on the wire exactly as written:
 * {@code java.net.URI} and the JDK client would normalise or reject spellings such as
 * {@code /render;x/jobs}, {@code /./} or {@code %6A}. Every request closes its connection.
 */
final class RawHttp {
  /** A WebSocket key; its value does not matter to the server. */
  static final String WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  /** What came back: the status, the header block, and the body read (see {@link #send}). */
  record Answer(int status, String head, String body) {
    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      return null;
    }

    /**
     * Whether this answer gives nothing away: a refusal of the request itself (400, 401, 403,
     * 405, or the routing 404 {@code Not Found}, not a route's own "Job not found."), or an empty
     * answer that never came from the application. Payara Micro answers some paths ending in
     * {@code /.} (longer than about 30 characters) itself with an empty 200 that reaches no filter
     * and no resource. Never an upgrade, never a body of a route.
     */
    boolean givesNothingAway() {
      boolean empty = body.isEmpty();
      return status == 400 || status == 401 || status == 403 || status == 405
          || (status == 404 && (empty || body.contains("\"Not Found\"")))
          || (status == 200 && empty && header("Content-Type") == null
              && "0".equals(header("Content-Length")));
    }

    @Override
    public String toString() {
      return head + "\r\n\r\n" + body;
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** {@code method target} with the given header lines, then a body when not null. */
  Answer request(String method, String target, String body, String... headers) {
    StringBuilder request = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Type: application/json\r\nContent-Length: ")
          .append(payload.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return send(request.toString().getBytes(StandardCharsets.ISO_8859_1), payload,
        method.equals("HEAD"));
  }

  /** A WebSocket upgrade (RFC 6455 4.1) of {@code target}. */
  Answer upgrade(String target, String... headers) {
    String[] all = new String[headers.length + 8];
    all[0] = "Upgrade";
    all[1] = "websocket";
    all[2] = "Connection";
    all[3] = "Upgrade";
    all[4] = "Sec-WebSocket-Key";
    all[5] = WEBSOCKET_KEY;
    all[6] = "Sec-WebSocket-Version";
    all[7] = "13";
    System.arraycopy(headers, 0, all, 8, headers.length);
    StringBuilder request = new StringBuilder("GET ").append(target)
        .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
    for (int i = 0; i + 1 < all.length; i += 2) {
      request.append(all[i]).append(": ").append(all[i + 1]).append("\r\n");
    }
    request.append("\r\n");
    return send(request.toString().getBytes(StandardCharsets.ISO_8859_1), new byte[0], false);
  }

  /**
   * Sends and reads the status line and headers. A refusal's body is read by its framing
   * (length, chunks, or to the end); of an upgraded WebSocket whatever arrives within a second is
   * kept (where an unauthenticated snapshot would show), of a 2xx whatever arrives within 200 ms
   * (an SSE stream stays open); of a HEAD nothing.
   */
  private Answer send(byte[] head, byte[] payload, boolean noBody) {
    String request = new String(head, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
    String headText = "";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(head);
      socket.getOutputStream().write(payload);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      headText = readLine(in);
      String line;
      while (!(line = readLine(in)).isEmpty()) {
        headText += "\r\n" + line;
      }
      int status = Integer.parseInt(headText.split(" ")[1]);
      Answer headers = new Answer(status, headText, "");
      String body;
      if (noBody) {
        body = "";
      } else if (status == 101) {
        // frames are binary: one char per byte, so a close frame's code can be read back
        socket.setSoTimeout(1_000);
        body = new String(readWhileArriving(in), StandardCharsets.ISO_8859_1);
      } else if (status >= 200 && status < 300) {
        socket.setSoTimeout(200);
        body = new String(readWhileArriving(in), StandardCharsets.UTF_8);
      } else if (headers.header("Content-Length") != null) {
        body = new String(in.readNBytes(Integer.parseInt(headers.header("Content-Length"))),
            StandardCharsets.UTF_8);
      } else if ("chunked".equalsIgnoreCase(headers.header("Transfer-Encoding"))) {
        body = readChunks(in);
      } else {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new Answer(status, headText, body);
    } catch (IOException e) {
      throw new UncheckedIOException(request + " -> [" + headText + "]: " + e, e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("connection closed inside the head: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readChunks(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int size;
    while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
      body.write(in.readNBytes(size));
      readLine(in);
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private static byte[] readWhileArriving(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while (body.size() < 1 << 20 && (read = in.read(buffer)) >= 0) {
        body.write(buffer, 0, read);
      }
    } catch (SocketTimeoutException stillOpen) {
      // a stream: what arrived so far is enough
    }
    return body.toByteArray();
  }
}
