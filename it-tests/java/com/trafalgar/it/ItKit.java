package com.trafalgar.it;

import java.lang.annotation.Annotation;
import java.net.URL;
import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * The ITs' Arquillian extension (registered in {@code META-INF/services}): {@code
 * @ArquillianResource Http http} in a test gets a fresh {@link Http} client of the deployment,
 * built from the URL Arquillian would inject, so no IT repeats the URL field and the client setup.
 */
public final class ItKit implements LoadableExtension {
  @Override
  public void register(ExtensionBuilder builder) {
    builder.service(ResourceProvider.class, HttpProvider.class);
  }

  /** Provides {@link Http} where Arquillian's own provider would give the deployment's URL. */
  public static final class HttpProvider extends URLResourceProvider {
    @Override
    public boolean canProvide(Class<?> type) {
      return type == Http.class;
    }

    @Override
    public Object doLookup(ArquillianResource resource, Annotation... qualifiers) {
      return new Http((URL) super.doLookup(resource, qualifiers));
    }
  }
}
