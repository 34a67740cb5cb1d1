package com.trafalgar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files the tests make and clean up: one way to delete a directory tree. */
public final class TestFiles {
  private TestFiles() {}

  /**
   * Deletes {@code root} and everything under it, if it exists; a file that cannot be deleted is
   * left and reported on standard error, never a failure (a test's leftovers must not fail it).
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }
}
