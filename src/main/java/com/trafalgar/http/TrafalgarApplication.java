package com.trafalgar.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The JAX-RS application at context root {@code /}. Resources and providers are discovered. The
 * Jersey keys switch off Payara's own JSON providers so Jackson from the WAR is the only one
 * (toolchain guide 3); RESTEasy ignores them.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Trafalgar",
            version = "1.0.0",
            description = "Production dashboard and render-farm job service for VFX studios."))
public class TrafalgarApplication extends Application {
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.disableJsonBinding", true,
        "jersey.config.server.disableMoxyJson", true,
        "jersey.config.jsonFeature", "WarJacksonOnly",
        "jersey.config.server.wadl.disableWadl", true);
  }
}
