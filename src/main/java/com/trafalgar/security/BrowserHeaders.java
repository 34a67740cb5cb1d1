package com.trafalgar.security;

import jakarta.ws.rs.core.Response;

/**
 * The headers that keep the dashboard page ({@code GET /}) and its assets ({@code /static/}) safe
 * in a browser. The page loads only its own script and stylesheet (no inline code, no other
 * origin), so the Content-Security-Policy can allow {@code 'self'} alone; {@code connect-src
 * 'self'} covers its {@code fetch} and {@code EventSource} calls (CSP Level 3 lets {@code 'self'}
 * match {@code ws:}/{@code wss:} of the same host too, should the page ever open a WebSocket).
 * No referrer is sent because stream URLs carry {@code ?access_token=}.
 */
public final class BrowserHeaders {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  private BrowserHeaders() {}

  /**
   * Adds the page headers: CSP (which forbids framing with {@code frame-ancestors}), no referrer,
   * no sniffing. No {@code X-Frame-Options}: Payara already sends {@code SAMEORIGIN} on every
   * answer, a second value would conflict, and browsers that know CSP ignore it.
   */
  public static Response.ResponseBuilder page(Response.ResponseBuilder response) {
    return asset(response)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("Referrer-Policy", "no-referrer");
  }

  /** Adds the asset headers: the declared content type is the only one a browser may use. */
  public static Response.ResponseBuilder asset(Response.ResponseBuilder response) {
    return response.header("X-Content-Type-Options", "nosniff");
  }
}
