package com.trafalgar.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.text.Text;
import java.util.Iterator;
import java.util.Optional;

/** The project-name rules of API.md 9.4.1. */
public final class ProjectNames {
  private ProjectNames() {}

  /**
   * The project name a JSON value yields: a string trimmed (blank yields none); an object the first
   * non-blank string among {@code name}, {@code code}, {@code project}, else recursively the first
   * member value that yields a name; a number or boolean its JSON text; {@code null} none.
   */
  public static Optional<String> of(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      String trimmed = Text.trim(value.textValue());
      return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }
    if (value.isNumber() || value.isBoolean()) {
      return Optional.of(value.toString());
    }
    if (value.isObject()) {
      for (String key : new String[] {"name", "code", "project"}) {
        JsonNode member = value.get(key);
        if (member != null && member.isTextual() && !Text.isBlank(member.textValue())) {
          return Optional.of(Text.trim(member.textValue()));
        }
      }
      Iterator<JsonNode> members = value.elements();
      while (members.hasNext()) {
        Optional<String> name = of(members.next());
        if (name.isPresent()) {
          return name;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether two names match for project routes: equal ignoring case (15: equalsIgnoreCase). */
  public static boolean matches(String a, String b) {
    return a != null && b != null && a.equalsIgnoreCase(b);
  }
}
