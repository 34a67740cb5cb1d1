package com.trafalgar.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Brings the clustered mode's schema up to date with Flyway at startup (docs/cluster.md).
 *
 * <p>Idempotent (applied versions are skipped) and safe when several instances start at once:
 * Flyway holds a PostgreSQL advisory lock while it migrates, so the others wait and then find
 * nothing to do. {@code clean} is disabled and a changed applied migration fails validation, so
 * the service never drops or rewrites data. The scripts are listed here rather than found by
 * scanning the class path, which behaves differently in each server's deployment format (JBoss
 * VFS on WildFly): a new script is added to {@link #SCRIPTS}, never edited once released.
 */
public final class Migrations {
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
  private static final String FOLDER = "db/trafalgar/";
  /** Every migration, in version order. */
  static final List<String> SCRIPTS =
      List.of("V1__cluster_schema.sql", "V2__cluster_event_ids.sql");
  /** Flyway's history table, named so it cannot clash with another application's. */
  static final String HISTORY_TABLE = "trafalgar_schema_history";

  private Migrations() {}

  /**
   * Migrates the schema of {@code dataSource}.
   *
   * @return the schema version after the run
   */
  public static String migrate(DataSource dataSource) {
    ClassLoader loader = Migrations.class.getClassLoader();
    Flyway flyway = Flyway.configure(loader)
        .dataSource(dataSource)
        // JUL, like the rest of the service: "auto" picks an SLF4J without a provider where the
        // server or test class path has one, and Flyway's lines would vanish
        .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
        .table(HISTORY_TABLE)
        .resourceProvider(new Scripts(loader))
        .javaMigrationClassProvider(List::of)
        .cleanDisabled(true)
        .baselineOnMigrate(false)
        .validateOnMigrate(true)
        .load();
    MigrateResult result = flyway.migrate();
    // The schema's version, not the last one this call applied: Flyway takes its lock per
    // migration, so with instances starting at once another may apply the later ones.
    String version = flyway.info().current().getVersion().getVersion();
    LOG.info(() -> "Cluster schema at version " + version + " (" + result.migrationsExecuted
        + " migration(s) applied now).");
    return version;
  }

  /** The listed scripts, read from this class's loader. */
  private static final class Scripts implements ResourceProvider {
    private final ClassLoader loader;

    Scripts(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    public LoadableResource getResource(String name) {
      String file = name.startsWith(FOLDER) ? name.substring(FOLDER.length()) : name;
      return SCRIPTS.contains(file) ? new Script(loader, file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return SCRIPTS.stream()
          .filter(file -> file.startsWith(prefix))
          .filter(file -> Arrays.stream(suffixes).anyMatch(file::endsWith))
          .map(file -> (LoadableResource) new Script(loader, file))
          .toList();
    }
  }

  /** One script on the class path. */
  private static final class Script extends LoadableResource {
    private final ClassLoader loader;
    private final String file;

    Script(ClassLoader loader, String file) {
      this.loader = loader;
      this.file = file;
    }

    @Override
    public Reader read() {
      InputStream in = loader.getResourceAsStream(FOLDER + file);
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing migration " + FOLDER + file));
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return FOLDER + file;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return FOLDER + file;
    }

    @Override
    public String getFilename() {
      return file;
    }

    @Override
    public String getRelativePath() {
      return file;
    }
  }
}
