package com.trafalgar.review;

import com.trafalgar.http.ApiException;
import com.trafalgar.source.Clip;
import com.trafalgar.source.DataSources;
import com.trafalgar.source.Playlist;
import com.trafalgar.source.ProductionSource;
import com.trafalgar.source.SourceException;
import com.trafalgar.text.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Review playlists over the review backend (API.md 7, 9.10): ShotGrid when configured, else the
 * offline file. Playlist names are trimmed, blanks dropped, duplicates merged (the first wins) and
 * sorted by code point; clips keep the backend's order.
 */
@ApplicationScoped
public class ReviewService implements ReviewSummaryView {
  private static final Logger LOG = Logger.getLogger(ReviewService.class.getName());

  private final Supplier<Optional<ProductionSource>> backend;

  @Inject
  public ReviewService(DataSources sources) {
    this(sources::reviewBackend);
  }

  /** Over any backend (tests, tools). */
  public ReviewService(Supplier<Optional<ProductionSource>> backend) {
    this.backend = backend;
  }

  /** For CDI proxies only. */
  protected ReviewService() {
    this.backend = Optional::empty;
  }

  /**
   * The project's playlists with their figures (7.1). An unknown project has none.
   *
   * @throws ApiException 503 without a backend; 502 {@code ShotGrid query failed: <reason>} when
   *     the listing fails, {@code Failed to load playlist '<name>'} when one playlist's clips do
   */
  public ProjectPlaylists playlists(String project) {
    ProductionSource source = requireBackend();
    List<PlaylistSummary> summaries = new ArrayList<>();
    for (Playlist playlist : listing(source, project)) {
      List<Clip> clips;
      try {
        clips = source.clips(playlist);
      } catch (SourceException e) {
        throw ApiException.detail(502, "Failed to load playlist '" + playlist.name() + "'");
      }
      summaries.add(summary(playlist, clips));
    }
    return new ProjectPlaylists(project, summaries);
  }

  /**
   * One playlist with its clips (7.2).
   *
   * @throws ApiException 503 without a backend; 404 {@code Playlist not found}; 502 {@code
   *     ShotGrid query failed: <reason>} when the listing or the clips fail
   */
  public PlaylistDetail playlist(String project, String name) {
    ProductionSource source = requireBackend();
    Playlist playlist =
        listing(source, project).stream()
            .filter(candidate -> candidate.name().equals(name))
            .findFirst()
            .orElseThrow(() -> ApiException.detail(404, "Playlist not found"));
    try {
      List<Clip> clips = source.clips(playlist);
      return new PlaylistDetail(project, playlist.name(), ClipTotals.of(clips), clips);
    } catch (SourceException e) {
      throw queryFailed(e);
    }
  }

  @Override
  public boolean configured() {
    return backend.get().isPresent();
  }

  /**
   * The project's review figures for the dashboard (9.10): a playlist whose clips fail is left
   * out; {@code shots} is the sum of the playlists' shot counts. Mode {@code none}: zeros.
   */
  @Override
  public ProjectReview summarise(String project) throws SourceException {
    Optional<ProductionSource> source = backend.get();
    if (source.isEmpty()) {
      return new ProjectReview(project, 0, 0, 0, 0.0);
    }
    int playlists = 0;
    int clips = 0;
    int shots = 0;
    double duration = 0.0;
    for (Playlist playlist : normalise(source.get().playlists(project))) {
      try {
        ClipTotals totals = ClipTotals.of(source.get().clips(playlist));
        playlists++;
        clips += totals.clips();
        shots += totals.shots();
        duration += totals.durationSeconds();
      } catch (SourceException e) {
        LOG.warning(
            () -> "Review summary of " + project + " leaves out playlist '" + playlist.name()
                + "': " + e.reason());
      }
    }
    return new ProjectReview(project, playlists, clips, shots, duration);
  }

  /**
   * Names trimmed, blank names dropped, duplicates merged (the first playlist with a name wins),
   * sorted by code point (15).
   */
  static List<Playlist> normalise(List<Playlist> playlists) {
    Map<String, Playlist> byName = new LinkedHashMap<>();
    for (Playlist playlist : playlists) {
      String name = playlist.name() == null ? "" : Text.trim(playlist.name());
      if (!name.isEmpty()) {
        byName.putIfAbsent(name, new Playlist(playlist.project(), name, playlist.id()));
      }
    }
    List<Playlist> sorted = new ArrayList<>(byName.values());
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    return sorted;
  }

  private static PlaylistSummary summary(Playlist playlist, List<Clip> clips) {
    ClipTotals totals = ClipTotals.of(clips);
    return new PlaylistSummary(
        playlist.name(), totals.clips(), totals.shots(), totals.durationSeconds());
  }

  private ProductionSource requireBackend() {
    return backend.get()
        .orElseThrow(() -> ApiException.detail(503, "Review backend is not configured."));
  }

  private static List<Playlist> listing(ProductionSource source, String project) {
    try {
      return normalise(source.playlists(project));
    } catch (SourceException e) {
      throw queryFailed(e);
    }
  }

  private static ApiException queryFailed(SourceException e) {
    return ApiException.detail(502, "ShotGrid query failed: " + e.reason());
  }
}
