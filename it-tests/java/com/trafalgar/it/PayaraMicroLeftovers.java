package com.trafalgar.it;

import com.trafalgar.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Deletes what the Payara Micro processes of an IT class leave in the temporary directory once
 * they have exited, so a full build does not fill the disk (registered in {@code
 * META-INF/services}, active where {@code trafalgar.it.tmp} names the directory: pom.xml sets it,
 * with {@code java.io.tmpdir}, for the failsafe runs and the Payara Micro processes they start).
 *
 * <p>Each Payara Micro unpacks ~110 MB into a {@code payaramicro-rt*tmp} directory and Arquillian
 * copies the WAR into an {@code arquillian-payara-micro*} one. Neither is removed when the server
 * is stopped with SIGTERM (Arquillian) or SIGKILL (the kill and restart ITs): a full run left
 * 1.9 GB behind, and one on a fuller disk ran out of space. When a test class has finished, every
 * such directory belongs to a server of that class or an earlier one (the next class has not
 * started its own); they are deleted as soon as the Payara Micro processes still shutting down
 * have gone, without holding up the next class.
 */
public final class PayaraMicroLeftovers implements TestExecutionListener {
  private static final long SHUTDOWN_WAIT_SECONDS = 120;

  private final Path directory;
  private volatile TestPlan plan;

  /** Reads the directory from {@code trafalgar.it.tmp}; unset, the listener does nothing. */
  public PayaraMicroLeftovers() {
    String configured = System.getProperty("trafalgar.it.tmp");
    directory = configured == null || configured.isBlank() ? null : Path.of(configured);
  }

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    this.plan = plan;
    if (directory != null) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        System.err.println("could not create " + directory + ": " + e);
      }
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (directory != null && isTopLevelClass(test)) {
      sweep();
    }
  }

  /** A test class, not a nested one: its servers have stopped, no enclosing class's runs on. */
  private boolean isTopLevelClass(TestIdentifier test) {
    return test.getSource().filter(ClassSource.class::isInstance).isPresent()
        && plan.getParent(test).flatMap(TestIdentifier::getSource)
            .filter(ClassSource.class::isInstance).isEmpty();
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (directory != null) {
      sweep().join();
    }
  }

  private CompletableFuture<Void> sweep() {
    List<Path> leftovers = leftovers();
    List<ProcessHandle> stopping = ProcessHandle.current().descendants()
        .filter(PayaraMicroLeftovers::isPayaraMicro).toList();
    CompletableFuture<?>[] exits =
        stopping.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(exits)
        .completeOnTimeout(null, SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)
        .thenRun(() -> {
          // one that has not stopped in two minutes after its class ended never will by itself
          stopping.forEach(ProcessHandle::destroyForcibly);
          leftovers.forEach(TestFiles::deleteTree);
        });
  }

  private List<Path> leftovers() {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith("payaramicro-rt") || name.startsWith("arquillian-payara-micro");
      }).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean isPayaraMicro(ProcessHandle process) {
    return process.info().commandLine().map(c -> c.contains("payara-micro")).orElse(false);
  }
}
