package com.trafalgar.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.source.Clip;
import com.trafalgar.source.Playlist;
import com.trafalgar.source.ProductionSource;
import java.util.List;

/**
 * A production backend double for the tests that only need projects and their versions: the
 * all-versions, playlist and clip calls answer nothing.
 */
public abstract class VersionsOnlySource implements ProductionSource {
  @Override
  public List<ObjectNode> allVersions() {
    return List.of();
  }

  @Override
  public List<Playlist> playlists(String project) {
    return List.of();
  }

  @Override
  public List<Clip> clips(Playlist playlist) {
    return List.of();
  }
}
