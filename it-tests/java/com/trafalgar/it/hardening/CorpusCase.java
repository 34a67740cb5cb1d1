package com.trafalgar.it.hardening;

import com.trafalgar.it.hardening.RawExchange.Piece;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One line of the adversarial corpus (it-tests/resources/adversarial/requests.corpus; the format
 * is described in docs/testing.md and at the top of that file): an id, the answers allowed, and
 * the request, either built from a method, a target and options, or written out whole with
 * {@code raw=}.
 *
 * @param id unique name, used in every failure message
 * @param line line number in the corpus file
 * @param expect allowed outcomes: statuses ({@code 422}), classes ({@code 4xx}), {@code close}
 *     (closing without an answer is acceptable) and {@code bytes} (any bytes count as an answer)
 * @param method request-line method, as written
 * @param target request-line target, as written
 * @param options everything else, in order ({@code name=value} or a flag)
 * @param bodyKind {@code body}, {@code job}, {@code chunked}, {@code raw} or {@code null}
 * @param bodyText the rest of the line after {@code <bodyKind>=}
 */
record CorpusCase(String id, int line, List<String> expect, String method, String target,
    List<String> options, String bodyKind, String bodyText) {

  private static final Set<String> REST_OF_LINE = Set.of("body", "job", "chunked", "raw", "frames");
  private static final Set<String> FLAGS =
      Set.of("nohost", "json", "ws", "keepalive", "slow", "framing");
  private static final Set<String> KEYED = Set.of("as", "h", "proto", "cl", "bound");

  /** The valid job that {@code job=} extends and {@code $(job)} writes. */
  static final String JOB_PREFIX =
      "{\"dcc\":\"maya\",\"scene\":\"/shows/adv/a.ma\",\"output\":\"/renders/adv\"";

  /** Parses one non-blank, non-comment line. */
  static CorpusCase parse(String text, int line) {
    List<String> tokens = tokens(text);
    if (tokens.size() < 3) {
      throw new IllegalArgumentException("line " + line + ": id, expectation and request needed");
    }
    String id = tokens.get(0);
    List<String> expect = List.of(tokens.get(1).split(","));
    int at = 2;
    String method = null;
    String target = null;
    if (!tokens.get(tokens.size() - 1).startsWith("raw=")) {
      method = tokens.get(2);
      target = tokens.size() > 3 ? tokens.get(3) : "";
      at = 4;
    }
    List<String> options = new ArrayList<>();
    String bodyKind = null;
    String bodyText = null;
    for (; at < tokens.size(); at++) {
      String token = tokens.get(at);
      String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
      if (REST_OF_LINE.contains(name)) {
        String value = token.substring(name.length() + 1);
        if (name.equals("frames")) {
          options.add(token);
        } else {
          bodyKind = name;
          bodyText = value;
        }
      } else if (FLAGS.contains(token) || KEYED.contains(name) && token.contains("=")) {
        options.add(token);
      } else {
        throw new IllegalArgumentException("line " + line + ": unknown option " + token);
      }
    }
    return new CorpusCase(id, line, expect, method, target, options, bodyKind, bodyText);
  }

  /**
   * Splits a line on spaces, except inside {@code "..."} and {@code $(...)}; a {@code body=},
   * {@code job=}, {@code chunked=}, {@code raw=} or {@code frames=} token takes the rest of the
   * line, so it comes last (and a case has at most one).
   */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
      if (i >= text.length()) {
        break;
      }
      int start = i;
      String rest = text.substring(i);
      int equals = rest.indexOf('=');
      if (equals > 0 && REST_OF_LINE.contains(rest.substring(0, equals))
          && !rest.substring(0, equals).contains(" ")) {
        tokens.add(rest);
        break;
      }
      boolean quoted = false;
      while (i < text.length() && (quoted || text.charAt(i) != ' ')) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
          i = CorpusText.closing(text, i + 2);
        }
        i++;
      }
      tokens.add(text.substring(start, Math.min(i, text.length())));
    }
    return tokens;
  }

  boolean flag(String name) {
    return options.contains(name);
  }

  /** The values of a keyed option, unquoted, in order. */
  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (String option : options) {
      if (option.startsWith(name + "=")) {
        String value = option.substring(name.length() + 1);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        values.add(value);
      }
    }
    return values;
  }

  String value(String name, String otherwise) {
    List<String> values = values(name);
    return values.isEmpty() ? otherwise : values.get(values.size() - 1);
  }

  /** Seconds within which the server must answer or close. */
  int boundSeconds(int otherwise) {
    return Integer.parseInt(value("bound", Integer.toString(otherwise)));
  }

  /**
   * The credential the case carries: {@code as=}, or the one whose role the route needs (the
   * operator's dashboard token on dashboard-protected routes, none on public ones).
   */
  String credential() {
    String explicit = value("as", "auto");
    if (!explicit.equals("auto")) {
      return explicit;
    }
    String path = target == null ? "" : target.toLowerCase(Locale.ROOT);
    String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (path.startsWith("/render") || path.startsWith("/jobs") || path.startsWith("/farms")) {
      return verb.equals("POST") ? "submit" : verb.equals("DELETE") ? "manage" : "read";
    }
    if (path.startsWith("/ingest") || path.startsWith("/runs")) {
      return "ingest";
    }
    if (path.startsWith("/review")) {
      return "review";
    }
    if (path.startsWith("/metrics") || path.startsWith("/admin")
        || path.startsWith("/deliveries")) {
      return "operator";
    }
    return "none";
  }

  /** The request's pieces as they go on the wire. */
  List<Piece> request(CorpusText text, String host, String token) {
    if ("raw".equals(bodyKind)) {
      return text.pieces(bodyText);
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    String proto = value("proto", "HTTP/1.1");
    head.writeBytes(text.bytes(method));
    head.write(' ');
    head.writeBytes(text.bytes(target));
    if (!proto.equals("none")) {
      head.write(' ');
      head.writeBytes(text.bytes(proto));
    }
    List<String> headers = new ArrayList<>();
    if (!flag("nohost")) {
      headers.add("Host: " + host);
    }
    if (token != null) {
      headers.add("Authorization: Bearer " + token);
    }
    if (flag("ws")) {
      headers.add("Upgrade: websocket");
      headers.add("Connection: Upgrade");
      headers.add("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
      headers.add("Sec-WebSocket-Version: 13");
    } else if (!flag("keepalive")) {
      headers.add("Connection: close");
    }
    if (flag("json") || "job".equals(bodyKind)) {
      headers.add("Content-Type: application/json");
    }
    List<Piece> body = bodyPieces(text);
    if ("chunked".equals(bodyKind)) {
      headers.add("Transfer-Encoding: chunked");
    }
    String contentLength = value("cl", null);
    if (contentLength == null && body != null && !"chunked".equals(bodyKind)) {
      contentLength = Long.toString(body.stream().mapToLong(p -> p.bytes().length).sum());
    }
    if (contentLength != null && !contentLength.equals("none")) {
      headers.add("Content-Length: " + contentLength);
    }
    for (String header : headers) {
      head.writeBytes(("\r\n" + header).getBytes(StandardCharsets.UTF_8));
    }
    for (String header : values("h")) {
      head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      head.writeBytes(text.bytes(header));
    }
    head.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    List<Piece> pieces = new ArrayList<>();
    pieces.add(new Piece(head.toByteArray(), 0));
    if (body != null) {
      pieces.addAll(body);
    }
    return pieces;
  }

  private List<Piece> bodyPieces(CorpusText text) {
    if (bodyKind == null) {
      return null;
    }
    if (bodyKind.equals("job")) {
      String members = bodyText.trim();
      if (!members.startsWith("{") || !members.endsWith("}")) {
        throw new IllegalArgumentException(id + ": job= takes a JSON object's text");
      }
      String inner = members.substring(1, members.length() - 1).trim();
      return text.pieces(JOB_PREFIX + (inner.isEmpty() ? "" : "," + inner) + "}");
    }
    return text.pieces(bodyText);
  }

  /** What to send once the WebSocket is upgraded ({@code frames=}), or nothing. */
  List<Piece> afterUpgrade(CorpusText text) {
    String frames = value("frames", null);
    return frames == null ? List.of() : text.pieces(frames);
  }
}
