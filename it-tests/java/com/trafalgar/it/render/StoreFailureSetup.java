package com.trafalgar.it.render;

import com.trafalgar.render.farm.CancellableRenderFarmAdapter;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmJob;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.RenderFarmRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test-only wiring for RenderStoreFailureIT: a farm that cancels but never reports status (so a
 * refresh cannot hide what the store kept), and a log handler that fails like an exhausted
 * logging back end while {@code <store>.kill-writer} exists. The journal writer reports a failed
 * batch through its logger, so with the marker present that report fails too and the writer
 * thread ends: the "writer dies anyway" case of issue 12.
 */
@ApplicationScoped
public class StoreFailureSetup {
  /** Kept strongly reachable: java.util.logging holds loggers weakly. */
  private static final Logger JOURNAL_LOG = Logger.getLogger("com.trafalgar.render.JobJournal");

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event,
      RenderFarmRegistry registry) {
    registry.register(new CancelOnlyFarm(), new FarmCapabilities(50, 0, 100, false, null, null,
        null, true));
    Path marker = Path.of(ConfigProvider.getConfig()
        .getValue("TRAFALGAR_RENDER_JOBS_PATH", String.class) + ".kill-writer");
    JOURNAL_LOG.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel() == Level.SEVERE && Files.exists(marker)) {
          throw new OutOfMemoryError("RenderStoreFailureIT: logging failed");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  /** Queues and cancels jobs; has no status lookup. */
  static final class CancelOnlyFarm implements CancellableRenderFarmAdapter {
    @Override
    public String name() {
      return "cancelonly";
    }

    @Override
    public FarmResult submit(FarmSubmission submission) {
      return FarmResult.of("cancelonly-" + UUID.randomUUID(), "queued", null, null);
    }

    @Override
    public FarmResult cancel(FarmJob job) {
      return FarmResult.of(job.jobId(), "cancelled", null, "Cancelled from Trafalgar.");
    }
  }
}
