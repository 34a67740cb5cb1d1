package com.trafalgar.source;

/**
 * A review playlist of a project.
 *
 * @param project the project it belongs to
 * @param name the playlist name, trimmed
 * @param id the source's handle for loading its clips (a ShotGrid id, or an offline index)
 */
public record Playlist(String project, String name, String id) {}
