package com.trafalgar.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Failures described for clients: file names and a reason, never a path or a class name. */
class IoFailuresTest {
  static final Path FILE = Path.of("/var/lib/trafalgar/jobs.json");
  static final Path BAK = Path.of("/var/lib/trafalgar/jobs.json.bak");

  @Test
  void namesTheFilesAndTheOperatingSystemsReason() {
    assertEquals("renaming jobs.json to jobs.json.bak failed: is a directory",
        IoFailures.describe("renaming", new FileSystemException(FILE.toString(), BAK.toString(),
            "Is a directory"), FILE, BAK));
    assertEquals("writing jobs.json failed: input/output error", IoFailures.describe("writing",
        new FileSystemException(FILE.toString(), null, "Input/output error"), FILE));
  }

  @Test
  void knownFailuresGetAFixedPhrase() {
    assertEquals("access denied", IoFailures.reason(new AccessDeniedException(FILE.toString())));
    assertEquals("no such file or directory",
        IoFailures.reason(new NoSuchFileException(FILE.toString(), BAK.toString(), "gone")));
  }

  @Test
  void anythingThatMightCarryAPathOrAClassNameIsReplaced() {
    assertEquals(IoFailures.UNKNOWN_REASON, IoFailures.reason(
        new FileSystemException(FILE.toString(), null, "cannot write " + FILE)));
    assertEquals(IoFailures.UNKNOWN_REASON, IoFailures.reason(
        new FileSystemException("jobs.json", null, "jobs.json is locked")));
    assertEquals(IoFailures.UNKNOWN_REASON, IoFailures.reason(
        new FileSystemException(null, null, "java.lang.IllegalStateException: boom")));
    assertEquals(IoFailures.UNKNOWN_REASON, IoFailures.reason(
        new FileSystemException(null, null, "see /etc/fstab")));
    assertEquals(IoFailures.UNKNOWN_REASON,
        IoFailures.reason(new IOException("/var/lib/trafalgar/jobs.json: disk full")));
    assertEquals(IoFailures.UNKNOWN_REASON, IoFailures.reason(new FileSystemException("x")));
    assertEquals("the file", IoFailures.describe("renaming", new IOException(), Path.of("/"))
        .split(" ", 2)[1].replace(" failed: input/output error", ""));
  }
}
