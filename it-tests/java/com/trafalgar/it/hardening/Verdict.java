package com.trafalgar.it.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafalgar.it.hardening.RawExchange.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges what the server did with one corpus case (docs/testing.md): answered or closed within
 * the bound; never a 5xx the case does not name; a status the case allows; every error body
 * JSON of the contract's shape (API.md 2.2-2.4), except that a case marked {@code framing} (bytes
 * that are not a parsable HTTP request, answered by the container before the application sees
 * them) may carry any body; and no configured secret in any answer (3.8).
 */
final class Verdict {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENTRY_KEYS = Set.of("type", "loc", "msg");
  private static final Set<String> ENVELOPE_KEYS = Set.of("code", "message", "hint", "context");

  private Verdict() {}

  /** What is wrong with {@code outcome} for {@code corpusCase}; empty when nothing is. */
  static List<String> problems(CorpusCase corpusCase, Outcome outcome, Set<String> secrets) {
    List<String> problems = new ArrayList<>();
    List<String> expect = corpusCase.expect();
    switch (outcome.kind()) {
      case TIMEOUT -> problems.add("hang: neither an answer nor a close within the bound");
      case CLOSED -> {
        if (!expect.contains("close")) {
          problems.add("closed the connection without answering");
        }
      }
      case NOT_HTTP -> {
        if (!expect.contains("bytes")) {
          problems.add("answered with bytes that are not an HTTP/1.x status line");
        }
      }
      case ANSWERED -> answered(corpusCase, outcome, problems);
    }
    String everything = outcome.headers() + outcome.bodyText();
    for (String secret : secrets) {
      if (everything.contains(secret)) {
        problems.add("the answer contains a configured secret");
      }
    }
    return problems;
  }

  private static void answered(CorpusCase corpusCase, Outcome outcome, List<String> problems) {
    int status = outcome.status();
    List<String> expect = corpusCase.expect();
    if (status >= 500 && !expect.contains(Integer.toString(status))) {
      problems.add("a " + status + " (no bad input may cause a 5xx)");
    } else if (!allowed(expect, status)) {
      problems.add("status " + status + ", expected " + String.join(" or ", expect));
    }
    if (!outcome.bodyComplete()) {
      problems.add(status == 101
          ? "after the upgrade: " + outcome.note()
          : "the answer's body did not complete within the bound");
    }
    if (status >= 400 && outcome.body().length > 0 && !corpusCase.flag("framing")) {
      String shape = errorShape(outcome);
      if (shape != null) {
        problems.add("error body: " + shape);
      }
    }
  }

  static boolean allowed(List<String> expect, int status) {
    for (String allowed : expect) {
      if (allowed.equals(Integer.toString(status))
          || allowed.length() == 3 && allowed.endsWith("xx")
              && allowed.charAt(0) == Integer.toString(status).charAt(0)) {
        return true;
      }
    }
    return false;
  }

  /** Why the error body is not of the contract's shape, or {@code null} when it is. */
  static String errorShape(Outcome outcome) {
    String type = outcome.header("content-type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return "media type " + type + " instead of application/json";
    }
    JsonNode body;
    try {
      body = JSON.readTree(outcome.body());
    } catch (IOException e) {
      return "not JSON";
    }
    if (body == null || !body.isObject() || body.size() != 1) {
      return "not an object with one key";
    }
    JsonNode detail = body.get("detail");
    if (detail != null) {
      if (detail.isTextual()) {
        return null;
      }
      if (!detail.isArray() || detail.isEmpty()) {
        return "detail is neither a message nor a list of entries";
      }
      for (JsonNode entry : detail) {
        if (!entry.isObject() || !names(entry).equals(ENTRY_KEYS) || !entry.get("loc").isArray()
            || !entry.get("type").isTextual() || !entry.get("msg").isTextual()) {
          return "a validation entry is not {type, loc, msg}";
        }
      }
      return null;
    }
    JsonNode error = body.get("error");
    if (error != null && error.isObject() && error.path("code").isTextual()
        && error.path("message").isTextual() && ENVELOPE_KEYS.containsAll(names(error))) {
      return null;
    }
    return "neither {detail} nor the render error envelope";
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new java.util.HashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** One line for the report: what was sent and what came back. */
  static String line(CorpusCase corpusCase, Outcome outcome) {
    return String.format("%-48s %-14s %s", corpusCase.id(), String.join(",", corpusCase.expect()),
        outcome.summary());
  }
}
