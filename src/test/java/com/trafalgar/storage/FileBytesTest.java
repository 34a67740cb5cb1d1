package com.trafalgar.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file reads in small chunks: every byte, of empty, small and multi-chunk files. */
class FileBytesTest {
  @TempDir Path dir;

  @Test
  void readsEveryByteOfFilesOfAnySize() throws Exception {
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, 1_000_003}) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      Path file = dir.resolve("file-" + size);
      Files.write(file, content);
      assertArrayEquals(content, FileBytes.read(file), "size " + size);
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> FileBytes.read(dir.resolve("missing.json")));
  }

  @Test
  void aDirectoryIsAnIoError() {
    assertThrows(IOException.class, () -> FileBytes.read(dir));
  }
}
