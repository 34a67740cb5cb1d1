package com.trafalgar.render.farm;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fails the deployment when two {@link RenderFarmAdapter} beans share a name (API.md 12.1), before
 * the application serves a request.
 */
public class RenderFarmAdapterExtension implements Extension {
  private static final Logger LOG = Logger.getLogger(RenderFarmAdapterExtension.class.getName());

  void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
    List<RenderFarmAdapter> adapters = new ArrayList<>();
    List<CreationalContext<?>> contexts = new ArrayList<>();
    try {
      for (Bean<?> bean : beans.getBeans(RenderFarmAdapter.class, Any.Literal.INSTANCE)) {
        CreationalContext<?> context = beans.createCreationalContext(bean);
        contexts.add(context);
        adapters.add(
            (RenderFarmAdapter) beans.getReference(bean, RenderFarmAdapter.class, context));
      }
      RenderFarmRegistry.checkUniqueNames(adapters);
    } catch (IllegalStateException e) {
      event.addDeploymentProblem(new DeploymentException(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Adapter names are checked again when the farm registry starts", e);
    } finally {
      contexts.forEach(CreationalContext::release);
    }
  }
}
