package com.trafalgar.config;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;

/**
 * Not a route: a servlet without a mapping, declared in WEB-INF/web.xml with a {@code
 * load-on-startup} above the JAX-RS servlet's (1 on Jersey and RESTEasy), so the container
 * initialises it once JAX-RS has started; it then lets {@link StartupWork} begin.
 */
public class StartupGate extends HttpServlet {
  private static final long serialVersionUID = 1L;

  // Servlets are created by the container, not CDI: field injection is the only kind it offers.
  @Inject
  private transient StartupWork startup;

  @Override
  public void init() {
    startup.servletsStarted();
  }
}
