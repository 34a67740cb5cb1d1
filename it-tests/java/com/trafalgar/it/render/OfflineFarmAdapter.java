package com.trafalgar.it.render;

import com.trafalgar.render.farm.AdapterUnavailableException;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * A CDI bean adapter (discovered, not registered by hand) for a farm that cannot be reached, and
 * that replaces nothing: it has no capabilities.
 */
@ApplicationScoped
public class OfflineFarmAdapter implements com.trafalgar.render.farm.RenderFarmAdapter {
  @Override
  public String name() {
    return " Offline ";
  }

  @Override
  public FarmCapabilities capabilities() {
    return null;
  }

  @Override
  public FarmResult submit(FarmSubmission submission) throws AdapterUnavailableException {
    throw new AdapterUnavailableException("Farm 'offline' cannot be reached.",
        "Check the VPN.", Map.of("host", "farm.example", "port", 9000));
  }
}
