package com.trafalgar.render;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The {@link JobStore} contract over the job store file and its journal. */
class FileJobStoreTest extends JobStoreContractTest {
  @TempDir Path dir;

  @Override
  JobStore store(Optional<Duration> retention) {
    return new FileJobStore(dir.resolve("jobs.json"), retention, clock);
  }
}
