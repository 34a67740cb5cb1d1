package com.trafalgar.it.render;

import com.trafalgar.render.farm.FarmResult;
import com.trafalgar.render.farm.FarmSubmission;
import com.trafalgar.render.farm.RenderFarmAdapter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One of two adapter beans named {@code twin} (spelled differently): a deployment holding both
 * must fail (API.md 12.1).
 */
@ApplicationScoped
public class TwinFirstFarmAdapter implements RenderFarmAdapter {
  @Override
  public String name() {
    return "twin";
  }

  @Override
  public FarmResult submit(FarmSubmission submission) {
    return FarmResult.of("first", "queued", null, null);
  }
}
