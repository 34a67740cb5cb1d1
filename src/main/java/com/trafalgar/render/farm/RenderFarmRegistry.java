package com.trafalgar.render.farm;

import com.trafalgar.config.RenderSettings;
import com.trafalgar.text.Text;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The farms the service knows (API.md 12.1): the built-ins, every CDI bean implementing {@link
 * RenderFarmAdapter} (a bean may replace a built-in), and adapters registered programmatically
 * (which replace any adapter of the same name). Changes are visible to the next request.
 */
@ApplicationScoped
public class RenderFarmRegistry {
  private static final Logger LOG = Logger.getLogger(RenderFarmRegistry.class.getName());

  /**
   * One registered farm.
   *
   * @param name the farm key (trimmed, lower-case)
   * @param adapter the adapter
   * @param capabilities capabilities given at registration; they win over the adapter's own
   */
  public record Registration(String name, RenderFarmAdapter adapter, FarmCapabilities capabilities) {
    /** The capabilities in force: registration's, else the adapter's (may throw, may be null). */
    public FarmCapabilities effectiveCapabilities() {
      return capabilities != null ? capabilities : adapter.capabilities();
    }
  }

  private final Map<String, Registration> farms = new ConcurrentHashMap<>();
  private final Clock clock;
  private final RenderSettings settings;
  private final Instance<RenderFarmAdapter> beans;

  @Inject
  public RenderFarmRegistry(Clock clock, RenderSettings settings,
      @Any Instance<RenderFarmAdapter> beans) {
    this.clock = clock;
    this.settings = settings;
    this.beans = beans;
  }

  /** For CDI proxies only. */
  protected RenderFarmRegistry() {
    this.clock = null;
    this.settings = null;
    this.beans = null;
  }

  /** A registry holding only the built-in farms (unit tests, tools). */
  public static RenderFarmRegistry withBuiltIns(Clock clock, RenderSettings settings) {
    RenderFarmRegistry registry = new RenderFarmRegistry(clock, settings, null);
    registry.registerBuiltIns();
    return registry;
  }

  @PostConstruct
  void discover() {
    registerBuiltIns();
    List<RenderFarmAdapter> discovered = new ArrayList<>();
    beans.forEach(discovered::add);
    checkUniqueNames(discovered);
    for (RenderFarmAdapter adapter : discovered) {
      register(adapter);
      LOG.info(() -> "Registered render farm adapter bean '" + key(adapter.name()) + "'.");
    }
  }

  private void registerBuiltIns() {
    register(new MockFarmAdapter(clock, settings.mockSecondsPerFrame()));
    PlaceholderFarmAdapter.builtIns().forEach(this::register);
  }

  /**
   * Fails when two adapters share a name (API.md 12.1: the deployment fails naming it).
   *
   * @throws IllegalStateException naming the duplicate
   */
  public static void checkUniqueNames(List<? extends RenderFarmAdapter> adapters) {
    Map<String, RenderFarmAdapter> seen = new HashMap<>();
    for (RenderFarmAdapter adapter : adapters) {
      String name = key(adapter.name());
      if (name.isEmpty()) {
        throw new IllegalStateException(
            "Render farm adapter " + className(adapter) + " has a blank name.");
      }
      RenderFarmAdapter previous = seen.putIfAbsent(name, adapter);
      if (previous != null) {
        throw new IllegalStateException("Two render farm adapter beans are named '" + name
            + "': " + className(previous) + " and " + className(adapter) + ".");
      }
    }
  }

  /** The adapter's class without the CDI proxy suffix. */
  private static String className(RenderFarmAdapter adapter) {
    String name = adapter.getClass().getName();
    int proxy = name.indexOf("$Proxy$");
    return proxy < 0 ? name : name.substring(0, proxy);
  }

  /** Registers {@code adapter} under its name, replacing any adapter of that name. */
  public void register(RenderFarmAdapter adapter) {
    register(adapter, null);
  }

  /**
   * Registers {@code adapter} with fixed capabilities (which win over {@code
   * adapter.capabilities()}), replacing any adapter of that name.
   */
  public void register(RenderFarmAdapter adapter, FarmCapabilities capabilities) {
    String name = key(adapter.name());
    if (name.isEmpty()) {
      throw new IllegalArgumentException("A render farm adapter needs a non-blank name.");
    }
    farms.put(name, new Registration(name, adapter, capabilities));
  }

  /** Removes a farm; its jobs stay listed. Unknown names are ignored. */
  public void unregister(String name) {
    if (name != null) {
      farms.remove(key(name));
    }
  }

  /** The registration of farm {@code key} (already normalised). */
  public Optional<Registration> find(String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(farms.get(key));
  }

  /** Every registered farm, sorted by name. */
  public List<Registration> registrations() {
    List<Registration> all = new ArrayList<>(farms.values());
    all.sort(Comparator.comparing(Registration::name));
    return all;
  }

  /** The registered farm keys, sorted. */
  public List<String> names() {
    return registrations().stream().map(Registration::name).toList();
  }

  /** A farm key: trimmed, lower-cased. */
  public static String key(String name) {
    return name == null ? "" : Text.trim(name).toLowerCase(Locale.ROOT);
  }
}
