package com.trafalgar.it.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.testing.TestFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser ITs: Debian's {@code chromium} and {@code chromium-driver}
 * packages (.ci/run installs them), driven by Selenium with the driver path given explicitly so
 * that Selenium Manager never tries to download anything. Where the packages are absent the
 * browser ITs are skipped with a loud message ({@link #available()}), never silently.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of(System.getProperty("trafalgar.chromium",
      "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("trafalgar.chromedriver",
      "/usr/bin/chromedriver"));

  private final ChromeDriver driver;
  private final Path profile;

  /** For {@code @EnabledIf}: true when both packages are installed; says so loudly when not. */
  public static boolean available() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String line = "!".repeat(78);
      System.err.println(line + "\n!! BROWSER TESTS SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing.\n!! Install Debian's chromium and chromium-driver packages (.ci/run "
          + "does) to run them.\n" + line);
    }
    return present;
  }

  public Browser() {
    this(1440, 1000);
  }

  public Browser(int width, int height) {
    System.setProperty("SE_OFFLINE", "true");
    try {
      profile = Files.createTempDirectory("trafalgar-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  /**
   * CPU seconds used so far by this browser's renderer processes (Linux /proc; 0 elsewhere), to
   * tell the page's own cost from the time other processes take from it.
   */
  public double rendererCpuSeconds() {
    double total = 0;
    java.io.File[] processes = new java.io.File("/proc").listFiles();
    for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
      try {
        String command = Files.readString(process.toPath().resolve("cmdline"));
        if (!command.contains("--type=renderer") || !command.contains(profile.toString())) {
          continue;
        }
        String stat = Files.readString(process.toPath().resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
      } catch (IOException | RuntimeException gone) {
        // not a process of ours, or it ended meanwhile
      }
    }
    return total;
  }

  /**
   * Sets the scheduling priority (nice) of every thread of this browser's processes, so that a
   * measurement can tell what the page costs from what other processes on the machine take.
   */
  public void renice(int nice) {
    java.io.File[] processes = new java.io.File("/proc").listFiles();
    for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
      try {
        if (!Files.readString(process.toPath().resolve("cmdline")).contains(profile.toString())) {
          continue;
        }
        java.io.File[] threads = process.toPath().resolve("task").toFile().listFiles();
        for (java.io.File thread : threads == null ? new java.io.File[0] : threads) {
          new ProcessBuilder("renice", "-n", String.valueOf(nice), "-p", thread.getName())
              .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start().waitFor();
        }
      } catch (IOException | RuntimeException gone) {
        // not a process of ours, or it ended meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public boolean present(String css) {
    return !all(css).isEmpty();
  }

  /** The element exists and is rendered (not inside a hidden panel). */
  public boolean shown(String css) {
    return all(css).stream().anyMatch(WebElement::isDisplayed);
  }

  /** Clicks the element, finding it again if a live redraw replaced it meanwhile. */
  public void click(String css) {
    retry(() -> {
      find(css).click();
      return null;
    });
  }

  /** The element's text, found again if a live redraw replaced it meanwhile. */
  public String text(String css) {
    return retry(() -> find(css).getText());
  }

  private static <T> T retry(java.util.function.Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public <T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(25))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("Timed out after " + timeout + " waiting for " + what, e);
    }
  }

  public <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(Duration.ofSeconds(20), what, condition);
  }

  public void waitText(String css, String text) {
    waitFor("'" + text + "' in " + css, d -> {
      try {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        // getText() is the rendered text (text-transform applies); textContent is the source.
        return !found.isEmpty() && (found.get(0).getText().contains(text)
            || String.valueOf(found.get(0).getAttribute("textContent")).contains(text));
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        return false;
      }
    });
  }

  /** Types the token into the toolbar form and saves it; waits until its roles are known. */
  public void saveToken(String token) {
    WebElement field = find("#tg-token");
    field.clear();
    field.sendKeys(token);
    field.submit();
    waitFor("the token's roles", d -> {
      String roles = d.findElement(By.id("tg-token-roles")).getText();
      return !roles.isEmpty() && !roles.startsWith("Checking");
    });
  }

  public void select(String css, String visibleText) {
    new Select(find(css)).selectByVisibleText(visibleText);
  }

  /** Console entries at SEVERE since the last call (reading them empties the buffer). */
  public List<LogEntry> severeLogs() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  public void screenshot(Path target) {
    try {
      Files.createDirectories(target.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(Files.exists(target));
  }

  @Override
  public void close() {
    driver.quit();
    TestFiles.deleteTree(profile);
  }
}
