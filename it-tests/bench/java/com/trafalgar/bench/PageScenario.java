package com.trafalgar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.it.browser.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario {@code page} (tracker issue 18): the dashboard's render panel in headless Chromium with
 * 10,000 jobs in the history while about 50 job events a second arrive. Measures the page's own
 * mark of its first render of the job table (from navigation start) and, with the browser's Long
 * Tasks API, every main-thread task over 50 ms while the events arrive. Needs Debian's chromium
 * and chromium-driver; without them the scenario says so and measures nothing.
 */
final class PageScenario {
  /** Submissions per second; each one is a job.created and, at the next poll, a job.updated. */
  private static final int SUBMISSIONS_PER_SECOND = 25;
  /**
   * {@code -Dbench.page.browserNice=-10}: the browser's threads get that priority, as on a
   * workstation where the browser does not share two cores with the server, the load generator
   * and anything else running; 0 (default) leaves them as they are.
   */
  private static final int BROWSER_NICE = Integer.getInteger("bench.page.browserNice", 0);

  private final BenchConfig config;
  private final Results results;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  PageScenario(BenchConfig config, Results results) {
    this.config = config;
    this.results = results;
  }

  void run() throws Exception {
    if (!config.runs("page")) {
      return;
    }
    if (!Browser.available()) {
      results.notMeasured("page", "render panel first render, 10,000 jobs", "≤ 1,000 ms",
          "chromium / chromium-driver are not installed");
      return;
    }
    Path store = Datasets.writeJobStore(
        config.workDir.resolve("data").resolve("page-jobs.json"), Datasets.STORED_JOBS);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TRAFALGAR_DASHBOARD_TOKEN", config.token);
    env.put("TRAFALGAR_RENDER_JOBS_PATH", store.toString());
    env.put("TRAFALGAR_MOCK_FARM_SECONDS_PER_FRAME", "0");
    env.put("TRAFALGAR_RENDER_STATUS_POLL_INTERVAL", "0.2");
    double seconds = config.quick ? 8 : 20;
    ObjectNode node = results.scenario("page");
    System.out.println("[bench] starting server page");
    try (ServerProcess server = ServerProcess.start(config, "page", env)) {
      String base = "http://127.0.0.1:" + server.port;
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong accepted = new AtomicLong();
      Thread load = new Thread(() -> submitPaced(base, running, accepted), "page-events");
      load.setDaemon(true);
      long publishedBefore = published(base);
      load.start();
      long loadStart = System.nanoTime();
      // One page load first, in a browser thrown away: the server's routes are then warm (JIT)
      // and the measured load is a fresh browser profile (nothing cached) on a running service.
      try (Browser warmup = new Browser(1440, 1000)) {
        openWithToken(warmup, base);
      }
      try (Browser browser = new Browser(1440, 1000)) {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        openWithToken(browser, base);
        double firstRender = ((Number) browser.script("return performance"
            + ".getEntriesByName('tg-render-jobs-first')[0].startTime")).doubleValue();
        Object loadTasks = browser.script("return performance.getEntriesByType('longtask')"
            + ".map(t => Math.round(t.duration))");
        node.put("first_render_ms", Results.round(firstRender));
        node.put("long_tasks_during_load_ms", String.valueOf(loadTasks));
        browser.script("window.__tgLong = []; new PerformanceObserver(list => list.getEntries()"
            + ".forEach(t => window.__tgLong.push(Math.round(t.duration))))"
            + ".observe({type: 'longtask'});"
            // Long animation frames say where a long frame's time went: the page's scripts,
            // style/layout/paint, or neither (the thread waiting for a core, or the engine).
            + "window.__tgFrames = {count: 0, total: 0, script: 0, render: 0};"
            + "new PerformanceObserver(list => list.getEntries().forEach(f => {"
            + " const t = window.__tgFrames; t.count++; t.total += f.duration;"
            + " t.script += f.scripts.reduce((a, s) => a + s.duration, 0);"
            + " t.render += f.renderStart ? f.startTime + f.duration - f.renderStart : 0;"
            // the scripts of each long frame, by where they came from: what to fix
            + " if (f.duration > 50) { t.long = t.long || []; t.long.push('at '"
            + " + Math.round(f.startTime) + ' ms: ' + Math.round(f.duration)"
            + " + ' ms (blocking ' + Math.round(f.blockingDuration) + ', style/layout '"
            + " + Math.round(f.renderStart ? f.startTime + f.duration - f.renderStart : 0)"
            + " + '): ' + f.scripts.map(s => Math.round(s.duration) + ' ms ' + s.invokerType"
            + " + ' ' + s.invoker + ' ' + (s.sourceFunctionName || '?') + '@'"
            + " + String(s.sourceURL).replace(/^.*\\//, '') + ':' + s.sourceCharPosition"
            + " + (s.forcedStyleAndLayoutDuration ? ' forced layout '"
            + " + Math.round(s.forcedStyleAndLayoutDuration) : '')).join('; ')); } }))"
            + ".observe({type: 'long-animation-frame'})");
        // Wait for the full snapshot (the first screen may come from GET /render/jobs?limit=50).
        browser.waitFor(Duration.ofSeconds(60), "the whole history", d -> !browser
            .find("#tg-jobs-card .tg-card-meta").getText().startsWith("newest"));
        String countBefore = browser.find("#tg-jobs-card .tg-card-meta").getText();
        long eventsStart = published(base);
        double windowStart = ((Number) browser.script("return performance.now()")).doubleValue();
        node.put("window_start_ms", Results.round(windowStart));
        System.out.printf("[bench] page: events window from %.0f ms%n", windowStart);
        double cpuStart = browser.rendererCpuSeconds();
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        double window = (System.nanoTime() - start) / 1e9;
        double rendererCores = (browser.rendererCpuSeconds() - cpuStart) / window;
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        long events = published(base) - eventsStart;
        @SuppressWarnings("unchecked")
        List<Number> longTasks = (List<Number>) browser.script("return window.__tgLong");
        double longest = longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> frames = (Map<String, Object>) browser.script(
            "return window.__tgFrames");
        double framesMs = ((Number) frames.get("total")).doubleValue();
        double scriptMs = ((Number) frames.get("script")).doubleValue();
        double renderMs = ((Number) frames.get("render")).doubleValue();
        String where = String.format(java.util.Locale.ROOT, "%d long animation frames, %.0f ms: "
            + "%.0f ms the page's scripts, %.0f ms style/layout/paint, %.0f ms neither",
            ((Number) frames.get("count")).intValue(), framesMs, scriptMs, renderMs,
            Math.max(0, framesMs - scriptMs - renderMs));
        node.put("long_animation_frames", where);
        Object attributed = frames.get("long");
        if (attributed != null) {
          node.put("long_frames_attributed", String.valueOf(attributed));
          System.out.println("[bench] page: long frames: " + attributed);
        }
        long rows = (Long) browser.script("return document.querySelectorAll("
            + "'#tg-jobs-table tbody tr[data-job-row]').length");
        String countAfter = browser.find("#tg-jobs-card .tg-card-meta").getText();
        node.put("window_s", Results.round(window));
        node.put("renderer_cpu_cores", Results.round(rendererCores));
        node.put("loadavg_before", loadBefore);
        node.put("loadavg_after", loadAfter);
        node.put("job_events", events);
        node.put("job_events_per_s", Results.round(events / window));
        node.put("long_tasks_during_events", longTasks.size());
        node.put("longest_task_during_events_ms", longest);
        node.put("rows_in_dom", rows);
        node.put("jobs_shown_before", countBefore);
        node.put("jobs_shown_after", countAfter);
        node.put("submissions_accepted", accepted.get());
        node.put("events_before_browser", eventsStart - publishedBefore);
        System.out.printf("[bench] page: first render %.0f ms, %d events in %.1f s, %d long tasks "
            + "(longest %.0f ms), renderer %.2f cores, %d rows in the DOM, %s -> %s, load %s -> "
            + "%s; %s%n", firstRender, events, window, longTasks.size(), longest, rendererCores,
            rows, countBefore, countAfter, loadBefore, loadAfter, where);
        node.put("browser_nice", BROWSER_NICE);
        String setting = String.format(java.util.Locale.ROOT, "%s, %.0f job events/s "
            + "(job.created + job.updated of %d submissions/s), headless Chromium %s, browser "
            + "nice %d", countBefore, events / window, SUBMISSIONS_PER_SECOND,
            browser.driver().getCapabilities().getBrowserVersion(), BROWSER_NICE);
        results.target("page", "render panel: first render of the job table (navigation start to"
            + " the page's mark)", "≤ 1,000 ms", Results.num(firstRender, "%.0f ms"),
            firstRender <= 1000, setting + "; long tasks while loading: " + loadTasks);
        results.target("page", "render panel: longest main-thread task while events arrive",
            "≤ 50 ms", longTasks.isEmpty() ? "none over 50 ms"
                : Results.num(longest, "%.0f ms") + " (" + longTasks.size() + " tasks)",
            longTasks.isEmpty(), setting + "; " + rows + " rows in the DOM, " + Results.num(
                window, "%.0f") + " s window; the renderer used " + Results.num(rendererCores,
                "%.2f") + " cores; load average " + loadBefore.split(" ")[0] + " → "
                + loadAfter.split(" ")[0] + " on " + Runtime.getRuntime().availableProcessors()
                + " cores; " + where);
      } finally {
        running.set(false);
        load.join(5000);
        node.put("load_seconds", Results.round((System.nanoTime() - loadStart) / 1e9));
      }
    }
  }

  private void openWithToken(Browser browser, String base) {
    // The token is in the tab before the page loads: the page as a returning user opens it,
    // panels live from the start.
    browser.open(base + "/static/favicon.svg");
    browser.script("sessionStorage.setItem('trafalgar.dashboardToken', arguments[0])",
        config.token);
    if (BROWSER_NICE != 0) {
      browser.renice(BROWSER_NICE); // the renderer of this origin exists now
    }
    browser.open(base + "/");
    browser.waitFor(Duration.ofSeconds(60), "the job table",
        d -> "true".equals(browser.script("return document.body.dataset.renderJobsReady")));
  }

  private void submitPaced(String base, AtomicBoolean running, AtomicLong accepted) {
    long interval = 1_000_000_000L / SUBMISSIONS_PER_SECOND;
    long next = System.nanoTime();
    long n = 0;
    while (running.get()) {
      n++;
      HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/render/jobs"))
          .timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + config.token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"dcc\":\"maya\",\"scene\":"
              + "\"/mnt/projects/bench/page/sh" + (n % 400) + ".ma\",\"frames\":\"1-10\","
              + "\"output\":\"/mnt/renders/bench/page\",\"farm\":\"mock\"}"))
          .build();
      http.sendAsync(post, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
        if (r.statusCode() == 201) {
          accepted.incrementAndGet();
        }
      });
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private long published(String base) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base
        + "/render/health")).header("Authorization", "Bearer " + config.token).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode events = Datasets.mapper().readTree(answer.body()).path("events");
    return events.path("published_total").asLong();
  }
}
