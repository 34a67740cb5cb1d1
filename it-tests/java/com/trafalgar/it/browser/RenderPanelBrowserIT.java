package com.trafalgar.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The render panel in headless Chromium: a job submitted through the form shows up live, cancel
 * is offered exactly where the farm and the role allow it, the server's 422s land on their
 * field, and all of it works from the keyboard alone.
 */
@WarTest
@EnabledIf("com.trafalgar.it.browser.Browser#available")
class RenderPanelBrowserIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return BrowserDeployment.archive("render");
  }

  @ArquillianResource Http http;
  Browser browser;

  @BeforeEach
  void open() {
    browser = new Browser();
    browser.open(http.base() + "/");
    browser.waitText("#tg-dashboard .tg-tiles", "834");
    browser.saveToken(BrowserDeployment.TOKEN);
    browser.waitText("#tg-live", "Live");
  }

  @AfterEach
  void close() {
    browser.close();
  }

  String submitThroughRest(String farm) {
    return http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"/s/" + farm + ".ma\","
        + "\"output\":\"/o\",\"farm\":\"" + farm + "\"}", Http.bearer(BrowserDeployment.TOKEN))
        .json().get("job_id").asText();
  }

  String statusOf(String jobId) {
    return browser.text("tr[data-job-row='" + jobId + "'] .tg-job-status");
  }

  @Test
  void aJobSubmittedThroughTheFormAppearsWithinOneSecondAndChangesLive() {
    browser.select("#tg-job-dcc", "nuke");
    browser.find("#tg-job-scene").sendKeys("/shows/atlas/AR101_010/comp.nk");
    browser.find("#tg-job-output").sendKeys("/renders/atlas/AR101_010");
    browser.find("#tg-job-frames").sendKeys("1-6");
    browser.select("#tg-job-farm", "mock");
    assertEquals("50", browser.find("#tg-job-priority").getAttribute("value"));
    long before = System.nanoTime();
    browser.find("#tg-submit-card button[type=submit]").click();
    String jobId = browser.waitFor(Duration.ofSeconds(5), "the submitted job", d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("tr[data-job-row]"));
      return rows.stream().filter(r -> r.getText().contains("AR101_010/comp.nk")).findFirst()
          .map(r -> r.getAttribute("data-job-row")).orElse(null);
    });
    long millis = (System.nanoTime() - before) / 1_000_000;
    assertTrue(millis <= 1000, "the job took " + millis + " ms to appear");
    assertTrue(browser.find("#tg-submit-card").getText().contains("Job " + jobId + " submitted"));
    String first = statusOf(jobId);
    // 6 frames at 0.3 s a frame: submitted, then queued/running, then completed, all from events.
    browser.waitFor(Duration.ofSeconds(15), "a live status change of " + jobId,
        d -> !statusOf(jobId).equals(first));
    browser.waitFor(Duration.ofSeconds(15), jobId + " completed",
        d -> statusOf(jobId).equals("completed"));
    assertTrue(browser.text("tr[data-job-row='" + jobId + "']").contains("100 %"));
    // Filters: only completed mock jobs.
    browser.select("#tg-jobs-card select[name=status]", "completed");
    browser.select("#tg-jobs-card select[name=farm]", "mock");
    browser.waitFor("the filtered table", d -> d.findElements(By.cssSelector("tr[data-job-row]"))
        .stream().allMatch(r -> r.getText().contains("completed")));
    assertTrue(browser.present("tr[data-job-row='" + jobId + "']"));
    browser.select("#tg-jobs-card select[name=status]", "queued");
    browser.waitFor("the job filtered out", d -> !browser.present(
        "tr[data-job-row='" + jobId + "']"));
  }

  /**
   * The streams are read in a worker (a 10,000-job snapshot is parsed off the main thread, issue
   * 18), and closing one really ends its connection: the server loses the subscriber.
   */
  @Test
  void theStreamsAreReadInAWorkerAndClosingOneEndsItsConnection() {
    assertEquals(Boolean.TRUE, browser.script("const s = window.trafalgar.streams;"
        + " return s.render.source.worker !== null && s.ingest.source.worker !== null"));
    long open = renderSubscribers();
    assertTrue(open >= 1, "the page's render stream is a subscriber: " + open);
    browser.script("window.trafalgar.streams.render.close()");
    // The server notices a closed connection when it writes to it: give it events to write.
    browser.waitFor(Duration.ofSeconds(20), "the server to drop the closed stream", d -> {
      submitThroughRest("mock");
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      return renderSubscribers() == open - 1 ? true : null;
    });
  }

  long renderSubscribers() {
    return http.get("/render/health", Http.bearer(BrowserDeployment.TOKEN)).json()
        .path("events").path("subscribers").asLong(-1);
  }

  @Test
  void cancelIsOfferedExactlyWhereTheFarmSupportsItAndWorks() {
    String mockJob = submitThroughRest("mock");
    String studioJob = submitThroughRest("studiofarm");
    browser.waitFor("both jobs", d -> browser.present("[data-job-id='" + mockJob + "']")
        && browser.present("[data-job-id='" + studioJob + "']"));
    browser.click("[data-job-id='" + mockJob + "']");
    browser.waitText("#tg-job-detail", "does not support cancellation");
    assertFalse(browser.present("#tg-cancel-job"), "mock declares no cancellation");
    browser.click("[data-job-id='" + studioJob + "']");
    browser.waitText("#tg-job-detail", "Job " + studioJob);
    browser.waitFor("the cancel button", d -> browser.present("#tg-cancel-job"));
    browser.click("#tg-cancel-job");
    browser.waitText("#tg-cancel-job", "Confirm");
    assertEquals("queued", statusOf(studioJob), "one press cancels nothing");
    browser.click("#tg-cancel-job");
    browser.waitText("#tg-job-detail", "Job cancelled: status cancelled.");
    browser.waitFor("the table follows", d -> statusOf(studioJob).equals("cancelled"));
    assertFalse(browser.present("#tg-cancel-job"), "a cancelled job offers no cancel");
    assertEquals("cancelled", http.get("/render/jobs/" + studioJob,
        Http.bearer(BrowserDeployment.TOKEN)).json().get("status").asText());
  }

  @Test
  void theServersErrorsAreShownAtTheFieldTheyName() {
    browser.find("#tg-job-frames").sendKeys("10-1");
    browser.waitText("[data-field-error=frames]", "Frame range segment '10-1' must have the end"
        + " greater than or equal to the start.");
    browser.find("#tg-job-frames").sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE,
        Keys.BACK_SPACE, "1-10x0");
    browser.waitText("[data-field-error=frames]", "must use a positive step.");
    browser.find("#tg-job-frames").clear();
    browser.find("#tg-job-frames").sendKeys("1-10");
    browser.waitFor("the frames error cleared",
        d -> browser.find("[data-field-error=frames]").getText().isEmpty());

    // 422 field list: the scene is blank after trimming.
    browser.find("#tg-job-scene").sendKeys("   ");
    browser.find("#tg-job-output").sendKeys("/renders/x");
    browser.find("#tg-submit-card button[type=submit]").click();
    browser.waitText("[data-field-error=scene]", "Value cannot be empty.");
    assertEquals("true", browser.find("#tg-job-scene").getAttribute("aria-invalid"));
    assertTrue(browser.find("[data-field-error=priority]").getText().isEmpty());

    // 422 envelope: the priority is above the farm's maximum.
    browser.find("#tg-job-scene").clear();
    browser.find("#tg-job-scene").sendKeys("/s/x.ma");
    browser.select("#tg-job-farm", "mock");
    assertEquals("100", browser.find("#tg-job-priority").getAttribute("max"));
    browser.find("#tg-job-priority").clear();
    browser.find("#tg-job-priority").sendKeys("500");
    browser.find("#tg-submit-card button[type=submit]").click();
    browser.waitText("[data-field-error=priority]",
        "Priority 500 exceeds the supported maximum of 100 (--priority).");
    assertTrue(browser.find("[data-field-error=scene]").getText().isEmpty());
    assertEquals("tg-job-priority", browser.script("return document.activeElement.id"));
  }

  @Test
  void theFramesCheckAgreesWithTheServer() throws Exception {
    for (String frames : List.of("1-10", "1-5x2, 7, 10-12", "-10--5", "7", "", " ", "1,,2",
        "1-10,", "a", "1-", "1--", "10-1", "1-10x0", "1-10x-1", "5-5x1",
        "99999999999999999999-1", "1-99999999999999999999", "1-3,x", "+1", "1.5", "\u0661")) {
      Http.Answer server = http.postJson("/render/jobs", "{\"dcc\":\"maya\",\"scene\":\"/s.ma\","
          + "\"output\":\"/o\",\"frames\":\"" + frames + "\"}",
          Http.bearer(BrowserDeployment.TOKEN));
      String expected = server.status() == 201 ? "ok"
          : server.json().get("detail").get(0).get("msg").asText();
      Object page = browser.driver().executeAsyncScript("const done = arguments[1];"
          + "import('/static/modules/frames.js').then(m => {"
          + " const r = m.checkFrames(arguments[0]); done(r.ok ? 'ok' : r.message); })",
          Http.JSON.readTree("\"" + frames + "\"").asText());
      assertEquals(expected, page, "frames " + frames);
    }
  }

  @Test
  void theChunkControlsFollowTheFarm() {
    browser.select("#tg-job-farm", "tractor");
    assertEquals("75", browser.find("#tg-job-priority").getAttribute("value"));
    assertEquals("150", browser.find("#tg-job-priority").getAttribute("max"));
    assertEquals("8", browser.find("#tg-job-chunk-size").getAttribute("value"));
    assertTrue(browser.shown("#tg-job-chunk-size"));
    browser.select("#tg-job-farm", "studiofarm");
    assertEquals("5", browser.find("#tg-job-chunk-size").getAttribute("value"));
    // A farm without chunking: the deployment registers none, so check the rule on the page.
    browser.script("window.trafalgar.render.form.setFarms([{name: 'plain', description: 'x',"
        + " capabilities: {priority: {default: 10, minimum: 0, maximum: 20},"
        + " chunking: {enabled: false, minimum: null, maximum: null, default: null},"
        + " cancellation: {supported: false}}}])");
    assertFalse(browser.shown("#tg-job-chunk-size"), "no chunk controls without chunking");
    assertEquals("10", browser.find("#tg-job-priority").getAttribute("value"));
  }

  @Test
  void everythingWorksFromTheKeyboard() {
    String studioJob = submitThroughRest("studiofarm");
    browser.waitFor("the job", d -> browser.present("[data-job-id='" + studioJob + "']"));
    browser.find("#tg-token").click();
    // Tab until the job's button has the focus, then open it with Enter.
    tabTo("[data-job-id='" + studioJob + "']", 120);
    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    browser.waitText("#tg-job-detail", "Job " + studioJob);
    assertEquals("H3", browser.script("return document.activeElement.tagName"));
    tabTo("#tg-cancel-job", 10);
    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    browser.waitText("#tg-cancel-job", "Confirm");
    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    browser.waitFor("cancelled", d -> statusOf(studioJob).equals("cancelled"));
    // Close the detail: the focus goes back to the job.
    browser.find("#tg-job-detail .tg-card-head button").sendKeys(Keys.ENTER);
    browser.waitFor("the detail closed", d -> !browser.shown("#tg-job-detail"));
    assertEquals(studioJob, browser.script("return document.activeElement.dataset.jobId"));
    // Submit a job with the keyboard only: type, Enter in a field submits the form.
    tabTo("#tg-job-scene", 80);
    new Actions(browser.driver()).sendKeys("/s/keyboard.ma").sendKeys(Keys.TAB).sendKeys("1-2")
        .sendKeys(Keys.TAB).sendKeys("/renders/keyboard").sendKeys(Keys.ENTER).perform();
    browser.waitFor("the keyboard job", d -> d.findElements(By.cssSelector("tr[data-job-row]"))
        .stream().anyMatch(r -> r.getText().contains("/s/keyboard.ma")));
  }

  void tabTo(String css, int most) {
    for (int i = 0; i < most; i++) {
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      Boolean there = (Boolean) browser.script(
          "return document.activeElement === document.querySelector(arguments[0])", css);
      if (Boolean.TRUE.equals(there)) {
        return;
      }
    }
    throw new AssertionError(css + " not reached with " + most + " Tab presses");
  }
}
