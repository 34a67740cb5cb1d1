package com.trafalgar.render.farm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code deadline}, {@code tractor} and {@code opencue} farms (API.md 5.2, 5.5):
 * described with their capabilities, but every submission answers 501 until a studio registers a
 * real adapter under the same name.
 */
public final class PlaceholderFarmAdapter implements RenderFarmAdapter {
  private final String name;
  private final String label;
  private final String description;
  private final FarmCapabilities capabilities;

  private PlaceholderFarmAdapter(
      String name, String label, String description, FarmCapabilities capabilities) {
    this.name = name;
    this.label = label;
    this.description = description;
    this.capabilities = capabilities;
  }

  /** The three placeholders with the descriptors of API.md 5.2. */
  public static List<PlaceholderFarmAdapter> builtIns() {
    return List.of(
        new PlaceholderFarmAdapter("deadline", "Deadline",
            "Autodesk Deadline render manager (stub).",
            new FarmCapabilities(50, 0, 100, true, 1, 50, 10, false)),
        new PlaceholderFarmAdapter("tractor", "Tractor",
            "Pixar Tractor render farm (stub).",
            new FarmCapabilities(75, 1, 150, true, 1, 30, 8, false)),
        new PlaceholderFarmAdapter("opencue", "OpenCue",
            "OpenCue render manager (stub).",
            new FarmCapabilities(60, 0, 120, true, 1, 25, 6, false)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public FarmCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public FarmResult submit(FarmSubmission submission) throws AdapterNotImplementedException {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("adapter", name);
    context.put("scene", submission.scene());
    context.put("dcc", submission.dcc());
    throw new AdapterNotImplementedException(
        label + " adapter is not implemented yet.",
        "Switch to the mock adapter for local development or configure the " + label
            + " integration.",
        context);
  }
}
