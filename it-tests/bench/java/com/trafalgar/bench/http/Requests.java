package com.trafalgar.bench.http;

import java.nio.charset.StandardCharsets;

/** Builds raw HTTP/1.1 request bytes for the non-blocking clients (keep-alive, loopback). */
public final class Requests {
  private Requests() {}

  public static byte[] get(int port, String pathAndQuery, String bearer) {
    StringBuilder request = head("GET", port, pathAndQuery, bearer);
    request.append("\r\n");
    return request.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  public static byte[] postJson(int port, String path, String bearer, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = head("POST", port, path, bearer);
    request.append("Content-Type: application/json\r\n");
    request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headers = request.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headers.length + body.length];
    System.arraycopy(headers, 0, all, 0, headers.length);
    System.arraycopy(body, 0, all, headers.length, body.length);
    return all;
  }

  private static StringBuilder head(String method, int port, String pathAndQuery, String bearer) {
    StringBuilder request = new StringBuilder(256);
    request.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    request.append("Accept: application/json\r\n");
    request.append("User-Agent: trafalgar-bench\r\n");
    if (bearer != null) {
      request.append("Authorization: Bearer ").append(bearer).append("\r\n");
    }
    return request;
  }
}
