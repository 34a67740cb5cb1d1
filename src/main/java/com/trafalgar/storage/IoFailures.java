package com.trafalgar.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Describes a failed file operation for clients ({@code last_rotation_error} of {@code
 * /render/health}): file names only, and the operating system's reason or a fixed phrase. Never an
 * absolute path, which tells a caller how the server's disks are laid out, and never an exception
 * class name, which tells them what it runs. The full exception belongs in the server log.
 */
public final class IoFailures {
  /** The reason given when the failure says nothing that is safe to repeat. */
  static final String UNKNOWN_REASON = "input/output error";
  private static final int MAX_REASON = 120;
  /** The file system exceptions whose class says the reason, in the words of strerror. */
  private static final Map<Class<? extends IOException>, String> KNOWN_REASONS = Map.of(
      AccessDeniedException.class, "access denied",
      NoSuchFileException.class, "no such file or directory",
      FileAlreadyExistsException.class, "file already exists",
      DirectoryNotEmptyException.class, "directory not empty",
      NotDirectoryException.class, "not a directory",
      AtomicMoveNotSupportedException.class, "atomic move not supported");

  private IoFailures() {}

  /**
   * {@code "<action> <file name> failed: <reason>"}, e.g. {@code "renaming jobs.json to
   * jobs.json.bak failed: directory not empty"} for {@code action} {@code "renaming"} and the
   * names given.
   */
  public static String describe(String action, IOException failure, Path... files) {
    StringBuilder text = new StringBuilder(action);
    for (int i = 0; i < files.length; i++) {
      text.append(i == 0 ? " " : " to ").append(name(files[i]));
    }
    return text.append(" failed: ").append(reason(failure)).toString();
  }

  /** The reason of {@code failure} as a short lower-case phrase without paths or class names. */
  public static String reason(IOException failure) {
    for (Map.Entry<Class<? extends IOException>, String> known : KNOWN_REASONS.entrySet()) {
      if (known.getKey().isInstance(failure)) {
        return known.getValue();
      }
    }
    if (failure instanceof FileSystemException fs && safe(fs.getReason(), fs)) {
      // the operating system's own words (strerror), e.g. "Is a directory"
      return fs.getReason().trim().toLowerCase(java.util.Locale.ROOT);
    }
    return UNKNOWN_REASON;
  }

  /** Whether {@code reason} repeats neither file of {@code failure} nor any other path. */
  private static boolean safe(String reason, FileSystemException failure) {
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      return false;
    }
    for (String file : new String[] {failure.getFile(), failure.getOtherFile()}) {
      if (file != null && !file.isEmpty() && reason.contains(file)) {
        return false;
      }
    }
    // strerror texts are words and spaces ("Input/output error" is the one with a slash)
    return reason.matches("[A-Za-z][A-Za-z ,'()-]*(/[a-z]+)?[A-Za-z ,'()-]*")
        && !reason.contains("Exception");
  }

  private static String name(Path file) {
    Path name = file == null ? null : file.getFileName();
    return name == null ? "the file" : name.toString();
  }
}
