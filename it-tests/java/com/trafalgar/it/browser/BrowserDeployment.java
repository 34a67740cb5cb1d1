package com.trafalgar.it.browser;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.render.StudioFarmAdapter;
import com.trafalgar.it.render.StudioFarmSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openqa.selenium.logging.LogEntry;

/**
 * The server the browser ITs drive: demo mode (the dashboard's fixed dataset), the operator token,
 * a read-only and a render-less service credential, the documented cancellable example farm
 * ({@code studiofarm}) beside the built-in ones, a fast mock farm and a copy of the demo ingest
 * registry with one failed run.
 */
public final class BrowserDeployment {
  public static final String TOKEN = "browser-it-token";
  public static final String VIEWER = "viewer-token";
  public static final String REVIEWER = "reviewer-token";
  static final String CREDENTIALS = "[{\"id\": \"viewer\", \"token\": \"" + VIEWER + "\","
      + " \"roles\": \"render:read ingest:read\"},"
      + " {\"id\": \"reviewer\", \"token\": \"" + REVIEWER + "\", \"roles\": \"review:read\"}]";

  private BrowserDeployment() {}

  /** The ingest registry file of the deployment {@code name} (tests may rewrite it). */
  public static Path registry(String name) {
    return Path.of("target/it-browser/" + name + "/ingest_runs.json").toAbsolutePath();
  }

  public static WebArchive archive(String name) {
    Path registry = registry(name);
    try {
      Files.createDirectories(registry.getParent());
      Files.copy(Path.of("server-config/demo/ingest_runs.json"), registry,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WebArchive archive = Deployments.trafalgar(
        "TRAFALGAR_DASHBOARD_TOKEN", TOKEN,
        "TRAFALGAR_DEMO_MODE", "true",
        "TRAFALGAR_SERVICE_CREDENTIALS", CREDENTIALS,
        "ONEPIECE_INGEST_REGISTRY", registry.toString(),
        "TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "0.3",
        "TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.2",
        "TRAFALGAR_INGEST_WATCH_INTERVAL", "0.5");
    archive.addClasses(StudioFarmAdapter.class, StudioFarmSetup.class);
    return archive;
  }

  /**
   * Console errors other than the documented role probes (docs/browser-page.md "Roles"): the
   * browser logs every 4xx answer to fetch, and the probes' 422 and 404 are their answer.
   */
  public static List<String> unexpected(List<LogEntry> severe) {
    return severe.stream().map(LogEntry::getMessage)
        .filter(m -> !(m.contains("/render/jobs/~trafalgar-role-probe~")
            || (m.contains("/render/jobs ") && m.contains("status of 422"))))
        .toList();
  }
}
