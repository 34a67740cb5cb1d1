package com.trafalgar.it.render;

import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.RenderFarmRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/** Registers the example adapter at startup (docs/extending-render-farms.md, verbatim). */
@ApplicationScoped
public class StudioFarmSetup {
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event,
      RenderFarmRegistry registry) {
    registry.register(new StudioFarmAdapter(),
        new FarmCapabilities(50, 0, 100, true, 1, 20, 5, true));
  }
}
