package com.trafalgar.it.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Other ways to write a path that a server, a proxy or a WebSocket runtime may read as the same
 * route: percent-encoded letters, {@code ;parameters} in any segment, {@code //}, {@code /./},
 * {@code /x/../}, encoded dots and slashes, a trailing slash and upper case.
 */
final class Spellings {
  private Spellings() {}

  /** The variants of {@code path} ({@code /a/b/c}, already percent-encoded); never itself. */
  static List<String> of(String path) {
    String[] segments = path.substring(1).split("/", -1);
    Set<String> variants = new LinkedHashSet<>();
    variants.add(path + "/");
    variants.add(path + "/.");
    variants.add(path + ";x");
    variants.add(path.toUpperCase(Locale.ROOT));
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      int letter = firstLetter(segment);
      if (letter >= 0) {
        String hex = String.format("%%%02X", (int) segment.charAt(letter));
        variants.add(join(segments, i, segment.substring(0, letter) + hex
            + segment.substring(letter + 1)));
        variants.add(join(segments, i, segment.substring(0, letter) + hex.toLowerCase(Locale.ROOT)
            + segment.substring(letter + 1)));
      }
      variants.add(join(segments, i, segment + ";x"));
      variants.add(join(segments, i, segment + ";"));
      variants.add(join(segments, i, "/" + segment));
      variants.add(join(segments, i, "./" + segment));
      variants.add(join(segments, i, "%2e/" + segment));
      variants.add(join(segments, i, "zz/../" + segment));
      variants.add(join(segments, i, "zz/..;/" + segment));
      if (i > 0) {
        variants.add(joinEncoded(segments, i));
      }
    }
    variants.remove(path);
    return new ArrayList<>(variants);
  }

  private static int firstLetter(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      if (Character.isLetter(segment.charAt(i)) && segment.charAt(i) < 128) {
        return i;
      }
    }
    return -1;
  }

  private static String join(String[] segments, int replaced, String replacement) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      out.append('/').append(i == replaced ? replacement : segments[i]);
    }
    return out.toString();
  }

  /** The slash before segment {@code at} written {@code %2F}. */
  private static String joinEncoded(String[] segments, int at) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      out.append(i == at ? "%2F" : "/").append(segments[i]);
    }
    return out.toString();
  }
}
