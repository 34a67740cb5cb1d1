package com.trafalgar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a body is read: up to its declared length, or as it streams, within 1 MiB (API.md 2.5). */
class RequestBodiesTest {
  private static final String JOB = "{\"farm\":\"mock\",\"scene\":\"shot_010.ma\"}";

  @Test
  void aDeclaredLengthIsReadExactlyAndNothingAfterIt() throws IOException {
    InputStream entity = stream(JOB + "GET / HTTP/1.1");

    assertEquals("mock", RequestBodies.readObject(headers(JOB.length()), entity)
        .path("farm").asText());
    assertEquals("GET / HTTP/1.1", new String(entity.readAllBytes(), StandardCharsets.UTF_8),
        "the bytes after the declared end stay unread (a declined Upgrade's raw connection)");
  }

  @Test
  void aBodyShorterThanItsDeclaredLengthIsWhatArrived() {
    ValidationException shortened = assertThrows(ValidationException.class,
        () -> RequestBodies.readObject(headers(JOB.length() + 10), stream(JOB.substring(0, 9))));
    assertEquals(422, shortened.status());

    assertEquals("shot_010.ma", RequestBodies.readObject(headers(JOB.length() + 10), stream(JOB))
        .path("scene").asText());
  }

  @Test
  void aLargeDeclaredBodyIsReadAsItArrives() {
    String padded = "{\"farm\":\"mock\",\"note\":\"" + "x".repeat(200_000) + "\"}";

    assertEquals(200_000, RequestBodies.readObject(headers(padded.length()), stream(padded))
        .path("note").asText().length());
  }

  @Test
  void aStreamedBodyOverOneMebibyteIs413AndOneUnderIsRead() {
    String under = "[" + "1,".repeat(400_000) + "1]";
    assertEquals(400_001, RequestBodies.readJson(headers(-1), stream(under)).orElseThrow().size());

    InputStream endless = new SequenceInputStream(stream("["), new InputStream() {
      @Override
      public int read() {
        return ' ';
      }
    });
    ApiException tooLarge = assertThrows(ApiException.class,
        () -> RequestBodies.readJson(headers(-1), endless));
    assertEquals(413, tooLarge.status());
    assertEquals(413, assertThrows(ApiException.class, () -> RequestBodies.readJson(
        headers(RequestBodies.MAX_BODY_BYTES + 1), stream(JOB))).status());
  }

  @Test
  void aClientThatStopsSendingIs408() {
    InputStream stalled = new SequenceInputStream(stream("{\"farm\""), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("read timed out");
      }
    });
    assertEquals(408, assertThrows(ApiException.class,
        () -> RequestBodies.readJson(headers(JOB.length()), stalled)).status());
  }

  @Test
  void anEmptyBodyIsMissingWhateverItsDeclaredLength() {
    assertEquals(422, assertThrows(ValidationException.class,
        () -> RequestBodies.readObject(headers(0), stream(JOB))).status());
    assertEquals(422, assertThrows(ValidationException.class,
        () -> RequestBodies.readObject(headers(-1), stream(""))).status());
  }

  @Test
  void onlyTheMediaTypeApplicationJsonIsJsonInAnyCaseWithAnyParameters() {
    assertTrue(RequestBodies.isJson("application/json"));
    assertTrue(RequestBodies.isJson(" Application/JSON ; charset=UTF-8"));
    assertTrue(RequestBodies.isJson("application/json;"));
    assertFalse(RequestBodies.isJson("application/json-patch+json"));
    assertFalse(RequestBodies.isJson("text/plain; x=application/json"));
    assertFalse(RequestBodies.isJson(""));
    assertFalse(RequestBodies.isJson(null));
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** JSON request headers, with {@code Content-Length} when {@code length} is not negative. */
  private static HttpHeaders headers(long length) {
    MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
    map.putSingle(HttpHeaders.CONTENT_TYPE, "application/json");
    if (length >= 0) {
      map.putSingle(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    } else {
      map.putSingle("Transfer-Encoding", "chunked");
    }
    return new RequestHeaders(map);
  }

  /** The request's headers as the container hands them over. */
  private record RequestHeaders(MultivaluedMap<String, String> map) implements HttpHeaders {
    @Override
    public List<String> getRequestHeader(String name) {
      return map.get(name);
    }

    @Override
    public String getHeaderString(String name) {
      List<String> values = map.get(name);
      return values == null ? null : String.join(",", values);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
      return map;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
      return List.of(MediaType.WILDCARD_TYPE);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
      return List.of();
    }

    @Override
    public MediaType getMediaType() {
      return MediaType.APPLICATION_JSON_TYPE;
    }

    @Override
    public Locale getLanguage() {
      return null;
    }

    @Override
    public Map<String, Cookie> getCookies() {
      return Map.of();
    }

    @Override
    public Date getDate() {
      return null;
    }

    @Override
    public int getLength() {
      String length = getHeaderString(CONTENT_LENGTH);
      return length == null ? -1 : Integer.parseInt(length);
    }
  }
}
