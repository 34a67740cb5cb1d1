package com.trafalgar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a request body under the rules of API.md 2.5 and 2.7, in their order: 413 over 1 MiB
 * (declared or streamed), 415 for a non-empty non-JSON body, then 422 {@code json_invalid},
 * {@code missing} (empty body) and {@code object_type}.
 */
public final class RequestBodies {
  /** 1 MiB. */
  public static final int MAX_BODY_BYTES = 1_048_576;
  /**
   * A declared length up to this is read into one array of that size. Larger ones are read as
   * they arrive, so a client that declares a megabyte and sends nothing holds no megabyte.
   */
  static final int DECLARED_READ_AT_ONCE = 64 * 1024;
  /** Strict: {@code {...}x} or two documents are malformed JSON, not the first document. */
  private static final ObjectReader READER =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBodies() {}

  /**
   * Reads the body as a JSON value; empty when the body is empty. Throws the 413, 415 or 422
   * {@link ApiException} the contract asks for.
   */
  public static Optional<JsonNode> readJson(HttpHeaders headers, InputStream entity) {
    String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException ignored) {
        // the container validates Content-Length syntax; the streamed size still counts
      }
      if (length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
    }
    String transferEncoding = headers.getHeaderString("Transfer-Encoding");
    if (length < 0 && (transferEncoding == null || transferEncoding.isBlank())
        && headers.getHeaderString("Upgrade") != null) {
      // RFC 9112 6.3: no length and no transfer coding is an empty body. Said here for requests
      // that name an Upgrade the server declined (h2c is off): Grizzly hands over the raw
      // connection as their entity, and reading it to its end would wait for the read timeout.
      length = 0;
    }
    byte[] body = readBounded(entity, length);
    if (body.length == 0) {
      return Optional.empty();
    }
    if (!isJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
      throw ApiException.detail(415, HttpErrors.UNSUPPORTED_MEDIA_TYPE);
    }
    return parse(body);
  }

  /**
   * The JSON value of a body that passed the size and media-type checks; empty when it holds only
   * whitespace. Anything that is not one JSON document is the 422 {@code json_invalid}. (Also the
   * entry point of the body's fuzz test, which has no JAX-RS runtime.)
   */
  public static Optional<JsonNode> parse(byte[] body) {
    try {
      JsonNode node = READER.readTree(body);
      if (node == null || node.isMissingNode()) {
        // only whitespace: nothing was sent
        return Optional.empty();
      }
      return Optional.of(node);
    } catch (JsonProcessingException e) {
      throw new ValidationException(ValidationError.jsonInvalid());
    } catch (IOException e) {
      throw new ValidationException(ValidationError.jsonInvalid());
    } catch (NumberFormatException e) {
      // Jackson throws this raw for a number no BigDecimal can hold (1e-99999999999: the
      // exponent exceeds 32 bits); a body the parser cannot represent is undecodable, not a 500
      throw new ValidationException(ValidationError.jsonInvalid());
    }
  }

  /**
   * Reads a body that must be a JSON object (the whole-body rules of API.md 2.3). An empty body
   * is {@code missing}, any other JSON value {@code object_type}; both with {@code loc ["body"]}.
   */
  public static ObjectNode readObject(HttpHeaders headers, InputStream entity) {
    JsonNode node =
        readJson(headers, entity)
            .orElseThrow(() -> new ValidationException(ValidationError.missing(List.of("body"))));
    if (!node.isObject()) {
      throw new ValidationException(ValidationError.objectType(List.of("body")));
    }
    return (ObjectNode) node;
  }

  /**
   * True for {@code application/json}, compared case-insensitively, parameters ignored. Read by
   * hand rather than through {@code MediaType.valueOf}: the same answer on Jersey and RESTEasy, and
   * no header delegate on every request.
   */
  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String bare = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    return "application/json".equalsIgnoreCase(bare);
  }

  /**
   * The body's bytes, at most {@code length} of them when the request declared a length (-1:
   * until the stream ends). Stopping at the declared length matters for a request that names an
   * {@code Upgrade} the server declined: Grizzly then hands over the raw connection, whose end
   * never comes while the client waits for its answer (java.net.http.HttpClient sends {@code
   * Upgrade: h2c} with the first request of a connection, bodies included).
   */
  private static byte[] readBounded(InputStream entity, long length) {
    if (entity == null || length == 0) {
      return new byte[0];
    }
    try {
      if (length > 0 && length <= DECLARED_READ_AT_ONCE) {
        // the usual request: one array of the declared size, no buffer and no copy
        byte[] body = new byte[(int) length];
        int read = entity.readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
      }
      return readStreamed(entity, length);
    } catch (IOException e) {
      // the client stopped sending before its declared end (or went away): the container's read
      // timed out; 408 in the contract's error shape, never a 500
      throw ApiException.detail(408, HttpErrors.BODY_INCOMPLETE);
    }
  }

  /** A body without a declared length, or a large one: read in slices, counted as it comes. */
  private static byte[] readStreamed(InputStream entity, long length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8 * 1024];
    long total = 0;
    while (length < 0 || total < length) {
      int wanted = length < 0 ? buffer.length : (int) Math.min(buffer.length, length - total);
      int read = entity.read(buffer, 0, wanted);
      if (read == -1) {
        break;
      }
      total += read;
      if (total > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static ApiException tooLarge() {
    return ApiException.detail(413, HttpErrors.BODY_TOO_LARGE);
  }
}
