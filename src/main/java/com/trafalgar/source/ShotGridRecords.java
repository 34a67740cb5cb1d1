package com.trafalgar.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.CompactNodes;
import com.trafalgar.json.Json;
import com.trafalgar.text.Text;
import java.util.Optional;

/**
 * The record mapping of API.md 9.2.4. ShotGrid REST records hold {@code attributes} and {@code
 * relationships} ({@code relationships.<field>.data} = {@code {"type","id","name"}}); a link found
 * under {@code attributes} instead is accepted too.
 */
public final class ShotGridRecords {
  private static final String[] SOURCE_FIELDS = {
    "sg_path_to_movie", "sg_uploaded_movie", "sg_path_to_frames"
  };

  private ShotGridRecords() {}

  /** A roster entry: {@code attributes.name} trimmed; blank or absent yields none. */
  public static Optional<String> projectName(JsonNode record) {
    return text(attribute(record, "name")).map(Text::trim).filter(name -> !name.isEmpty());
  }

  /**
   * A version record with the keys of 9.4: {@code project} ({@code project.data.name}, else the
   * requested project), {@code shot} (the entity's name when it is a {@code Shot}, else null),
   * {@code version} ({@code code}), {@code status}, {@code user}, {@code updated_at}, {@code
   * created_at} as given.
   */
  public static ObjectNode version(JsonNode record, String requestedProject) {
    // kept in the versions cache for a TTL, twenty projects at a time: a compact tree
    ObjectNode version = CompactNodes.OBJECTS.objectNode();
    version.put("project", linkName(record, "project").orElse(requestedProject));
    JsonNode entity = link(record, "entity");
    boolean shot = entity != null && "Shot".equals(entity.path("type").asText(null));
    version.put("shot", shot ? text(entity.get("name")).orElse(null) : null);
    version.set("version", raw(attribute(record, "code")));
    version.set("status", raw(attribute(record, "sg_status_list")));
    version.put("user", linkName(record, "user").orElse(null));
    version.set("updated_at", raw(attribute(record, "updated_at")));
    version.set("created_at", raw(attribute(record, "created_at")));
    return version;
  }

  /** A playlist's name: {@code attributes.code} as given ({@code ""} when absent). */
  public static String playlistName(JsonNode record) {
    return text(attribute(record, "code")).orElse("");
  }

  /**
   * A clip, or none when the version has no source: {@code source_path} is the first non-empty of
   * {@code sg_path_to_movie}, {@code sg_uploaded_movie}, {@code sg_path_to_frames} (an object gives
   * its {@code local_path}, else its {@code url}); {@code duration_seconds} is {@code frame_count /
   * sg_uploaded_movie_frame_rate} when both are numbers and the rate is positive.
   */
  public static Optional<Clip> clip(JsonNode record) {
    Optional<String> source = Optional.empty();
    for (String field : SOURCE_FIELDS) {
      source = sourcePath(attribute(record, field));
      if (source.isPresent()) {
        break;
      }
    }
    if (source.isEmpty()) {
      return Optional.empty();
    }
    JsonNode frames = attribute(record, "frame_count");
    JsonNode rate = attribute(record, "sg_uploaded_movie_frame_rate");
    Double duration =
        frames != null && frames.isNumber() && rate != null && rate.isNumber()
                && rate.doubleValue() > 0
            ? frames.doubleValue() / rate.doubleValue()
            : null;
    return Optional.of(
        new Clip(
            linkName(record, "entity").orElse(""),
            text(attribute(record, "code")).orElse(""),
            source.get(),
            text(attribute(record, "frame_range")).orElse(""),
            linkName(record, "user").orElse(""),
            duration));
  }

  private static Optional<String> sourcePath(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isObject()) {
      Optional<String> local = text(value.get("local_path")).filter(s -> !Text.isBlank(s));
      return local.isPresent() ? local : text(value.get("url")).filter(s -> !Text.isBlank(s));
    }
    return text(value).filter(s -> !Text.isBlank(s));
  }

  private static JsonNode attribute(JsonNode record, String field) {
    JsonNode value = record.path("attributes").get(field);
    return value == null || value.isNull() ? null : value;
  }

  /** {@code relationships.<field>.data}, else a link object under {@code attributes}. */
  private static JsonNode link(JsonNode record, String field) {
    JsonNode data = record.path("relationships").path(field).get("data");
    if (data != null && data.isObject()) {
      return data;
    }
    JsonNode attribute = attribute(record, field);
    return attribute != null && attribute.isObject() ? attribute : null;
  }

  private static Optional<String> linkName(JsonNode record, String field) {
    JsonNode link = link(record, field);
    return link == null ? Optional.empty() : text(link.get("name"));
  }

  /** A string value, or the JSON text of a number; anything else yields none. */
  private static Optional<String> text(JsonNode value) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      return Optional.of(value.textValue());
    }
    return value.isNumber() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static JsonNode raw(JsonNode value) {
    return value == null ? Json.mapper().nullNode() : value.deepCopy();
  }
}
