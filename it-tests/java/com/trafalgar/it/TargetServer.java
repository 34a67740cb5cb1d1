package com.trafalgar.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The application server the ITs run against, named by the build ({@code trafalgar.it.server}:
 * {@code payara-micro}, {@code payara-server}, {@code wildfly}), for the few assertions whose
 * expected form is the server's own and not the application's.
 */
public final class TargetServer {
  private TargetServer() {}

  /** The server's name as the build passes it; Payara Micro when none is given. */
  public static String name() {
    return System.getProperty("trafalgar.it.server", "payara-micro").toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the server writes MicroProfile Health {@code data} values as JSON strings whatever
   * their Java type: Payara's health servlet calls {@code toString()} on each value (documented
   * in docs/operations.md, Health).
   */
  public static boolean writesHealthDataAsStrings() {
    return name().startsWith("payara");
  }

  /**
   * Where the server answers MicroProfile Health ({@code /health}, {@code /health/ready}, ...):
   * the application's own address on Payara, the management interface on WildFly (its port comes
   * from the build as {@code trafalgar.it.health.url}; docs/operations.md, WildFly).
   */
  public static URI healthBase(URI applicationBase) {
    String configured = System.getProperty("trafalgar.it.health.url", "").trim();
    return configured.isEmpty() ? applicationBase : URI.create(configured);
  }

  /**
   * The server's log file (pom.xml: {@code trafalgar.it.server.log}; given for WildFly and Payara
   * Server, whose logs are files the suite can read).
   */
  public static Path log() {
    return Path.of(System.getProperty("trafalgar.it.server.log"));
  }

  /** What the server logged after {@code offset} (a {@code Files.size} of {@link #log()}). */
  public static String logAfter(long offset) throws IOException {
    byte[] all = Files.readAllBytes(log());
    // a log rotated since (Payara rotates at 2 MB) is read whole
    int from = offset <= all.length ? (int) offset : 0;
    return new String(all, from, all.length - from, StandardCharsets.ISO_8859_1);
  }
}
