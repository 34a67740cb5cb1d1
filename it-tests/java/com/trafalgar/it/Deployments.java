package com.trafalgar.it;

import com.trafalgar.testing.TestFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the archives the ITs deploy: the WAR that {@code mvn package} just built, renamed
 * {@code ROOT.war} so it lands at context root {@code /}, with the test's own MicroProfile Config
 * properties (how each IT configures its server: the environment of the build stays out) added
 * after the WAR's own defaults.
 */
public final class Deployments {
  private static final String PROPERTIES =
      "WEB-INF/classes/META-INF/microprofile-config.properties";

  private Deployments() {}

  /**
   * The built WAR configured by name/value pairs, e.g. {@code
   * trafalgar("TRAFALGAR_DASHBOARD_TOKEN", TOKEN, "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0")}.
   */
  public static WebArchive trafalgar(String... settings) {
    if (settings.length % 2 != 0) {
      throw new IllegalArgumentException("settings come in name/value pairs");
    }
    return trafalgar(Http.settings(settings));
  }

  /**
   * {@code directory}, empty: whatever an earlier run left there (files, sub-directories) is
   * deleted first, so the deployment starts from the files the IT writes.
   */
  public static Path freshDirectory(Path directory) {
    try {
      TestFiles.deleteTree(directory);
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Payara Micro child process serving {@code war} on {@code port} with the build's boot command
   * files, its output in {@code log}: for the ITs that kill and restart a server of their own
   * (Payara Micro only). The caller adds options and the environment (the service's
   * configuration) and starts it. It unpacks into this JVM's temporary directory, which {@link
   * PayaraMicroLeftovers} empties after the test class.
   */
  public static ProcessBuilder payaraMicro(Path war, int port, Path log) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-jar", System.getProperty("payara.microJar"),
        "--deploy", war.toString(),
        "--port", String.valueOf(port),
        "--nohazelcast", "--disablephonehome",
        "--postbootcommandfile", System.getProperty("trafalgar.postboot")));
    String preboot = System.getProperty("trafalgar.preboot");
    if (preboot != null && !preboot.isBlank()) {
      command.addAll(List.of("--prebootcommandfile", preboot));
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
  }

  /** The built WAR with {@code settings} (variable names as in API.md 10) as its configuration. */
  public static WebArchive trafalgar(Map<String, String> settings) {
    String path = System.getProperty("trafalgar.war", "target/trafalgar.war");
    WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    WebArchive archive = ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(built);
    StringBuilder properties = new StringBuilder(warDefaults(archive)).append('\n');
    new TreeMap<>(settings).forEach((name, value) ->
        properties.append(name).append('=').append(escape(value)).append('\n'));
    archive.delete(PROPERTIES);
    archive.addAsResource(new StringAsset(properties.toString()),
        "META-INF/microprofile-config.properties");
    return archive;
  }

  /** The WAR's own properties (e.g. {@code mp.openapi.scan.disable}); the test's come later. */
  private static String warDefaults(WebArchive archive) {
    Node node = archive.get(PROPERTIES);
    if (node == null || node.getAsset() == null) {
      return "";
    }
    try (InputStream in = node.getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '=' -> out.append("\\=");
        case ':' -> out.append("\\:");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
