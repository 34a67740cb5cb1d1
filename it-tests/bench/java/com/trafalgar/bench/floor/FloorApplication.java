package com.trafalgar.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of the platform floor's second WAR ({@link MinimalWar#writeCdiRest}): the
 * platform's own cost of starting CDI and JAX-RS, measured apart from Trafalgar's.
 */
@ApplicationPath("/")
public class FloorApplication extends Application {}
