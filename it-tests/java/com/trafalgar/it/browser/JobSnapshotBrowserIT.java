package com.trafalgar.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.time.Duration;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A job snapshot of several slices in headless Chromium: the stream's worker hands the jobs over
 * 500 at a time and the page indexes each slice as it comes (docs/browser-page.md,
 * "Performance"); the table must still show every job, newest first. Its own deployment: a
 * thousand jobs would change what the render panel's other tests see.
 */
@WarTest
@EnabledIf("com.trafalgar.it.browser.Browser#available")
class JobSnapshotBrowserIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return BrowserDeployment.archive("snapshot");
  }

  @ArquillianResource Http http;
  Browser browser;

  @BeforeEach
  void open() {
    browser = new Browser();
  }

  @AfterEach
  void close() {
    browser.close();
  }

  @Test
  void aSnapshotOfManySlicesShowsEveryJobNewestFirst() {
    String newest = null;
    for (int i = 0; i < 1_100; i++) {
      newest = http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"/s/many.ma\","
          + "\"output\":\"/o\",\"frames\":\"1\",\"farm\":\"mock\"}",
          Http.bearer(BrowserDeployment.TOKEN)).json().get("job_id").asText();
    }
    long total = http.get("/render/jobs", Http.bearer(BrowserDeployment.TOKEN)).json()
        .path("jobs").size();
    assertTrue(total > 1_000, "the history holds more than two slices: " + total);
    browser.open(http.base() + "/");
    browser.saveToken(BrowserDeployment.TOKEN);
    String expected = String.format(Locale.US, "%,d jobs", total);
    browser.waitFor(Duration.ofSeconds(20), "the whole snapshot", d -> browser
        .text("#tg-jobs-card .tg-card-meta").equals(expected));
    assertEquals(newest, browser.find("#tg-jobs-table tbody tr[data-job-row]")
        .getAttribute("data-job-row"), "the newest job heads the table");
  }
}
