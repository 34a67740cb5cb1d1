package com.trafalgar.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the {@link ConfigReader} every feature's settings are parsed from. MicroProfile Config
 * maps environment variables onto property names, so {@code TRAFALGAR_RENDER_JOBS_PATH} can also be
 * given as the property {@code trafalgar.render.jobs.path} (e.g. in the WAR's
 * {@code META-INF/microprofile-config.properties}, which is how the integration tests configure a
 * server).
 */
@ApplicationScoped
public class MicroProfileSettings {

  /** The production lookup over the application's MicroProfile Config. */
  public static Function<String, Optional<String>> lookup() {
    Config config = ConfigProvider.getConfig(MicroProfileSettings.class.getClassLoader());
    return name -> {
      try {
        return config.getOptionalValue(name, String.class);
      } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
        return Optional.empty();
      }
    };
  }

  @Produces
  @Dependent
  ConfigReader reader() {
    return new ConfigReader(lookup());
  }
}
