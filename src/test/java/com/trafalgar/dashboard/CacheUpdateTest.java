package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.config.DashboardSettings.CacheSettings;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.HostileNumbers;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The body rules of {@code POST /admin/cache} (API.md 4.5). */
class CacheUpdateTest {
  private static final CacheSettings CURRENT = new CacheSettings(30, 5000, 50);

  private static CacheUpdate parse(String body) {
    return CacheUpdate.parse(Optional.of(json(body)));
  }

  private static String errors(String body) {
    ValidationException failure = assertThrows(ValidationException.class, () -> parse(body));
    return failure.body().toString();
  }

  @Test
  void anEmptyBodyOrNullsChangeNothing() {
    assertEquals(CURRENT, CacheUpdate.parse(Optional.empty()).applyTo(CURRENT));
    assertEquals(CURRENT, parse("{\"ttl_seconds\": null, \"max_records\": null,"
        + " \"max_projects\": null, \"flush\": null, \"other\": 1}").applyTo(CURRENT));
  }

  @Test
  void valuesAreAppliedAndClamped() {
    assertEquals(new CacheSettings(86400, 1_000_000, 10_000),
        parse("{\"ttl_seconds\": 1e9, \"max_records\": 99999999999,"
            + " \"max_projects\": 10001}").applyTo(CURRENT));
    assertEquals(new CacheSettings(0.5, 50, 0),
        parse("{\"ttl_seconds\": 0.5, \"max_records\": 50.0, \"max_projects\": 0,"
            + " \"flush\": false}").applyTo(CURRENT));
  }

  @Test
  void negativeValuesAndWrongTypesAreListedInFieldOrder() {
    assertEquals("{\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":[\"body\","
        + "\"max_records\"],\"msg\":\"Input should be greater than or equal to 0\"}]}",
        errors("{\"max_records\": -1}"));
    assertEquals("{\"detail\":["
        + "{\"type\":\"number_type\",\"loc\":[\"body\",\"ttl_seconds\"],"
        + "\"msg\":\"Input should be a valid number\"},"
        + "{\"type\":\"int_type\",\"loc\":[\"body\",\"max_records\"],"
        + "\"msg\":\"Input should be a valid integer\"},"
        + "{\"type\":\"int_type\",\"loc\":[\"body\",\"max_projects\"],"
        + "\"msg\":\"Input should be a valid integer\"},"
        + "{\"type\":\"bool_type\",\"loc\":[\"body\",\"flush\"],"
        + "\"msg\":\"Input should be a valid boolean\"}]}",
        errors("{\"flush\": \"yes\", \"max_projects\": 2.5, \"max_records\": \"10\","
            + " \"ttl_seconds\": true}"));
    assertEquals("{\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":[\"body\","
        + "\"ttl_seconds\"],\"msg\":\"Input should be greater than or equal to 0\"},"
        + "{\"type\":\"int_type\",\"loc\":[\"body\",\"max_projects\"],"
        + "\"msg\":\"Input should be a valid integer\"}]}",
        errors("{\"ttl_seconds\": -0.1, \"max_projects\": false}"));
  }

  @Test
  void aBodyThatIsNotAnObjectIsRejected() {
    assertEquals("{\"detail\":[{\"type\":\"object_type\",\"loc\":[\"body\"],"
        + "\"msg\":\"Input should be a valid JSON object\"}]}", errors("[1]"));
  }

  @Test
  void hostileExponentsAreDecidedWithoutExpandingThem() {
    ObjectNode body = (ObjectNode) json("{}");
    body.set("max_records", HostileNumbers.tinyNode());
    body.set("max_projects", HostileNumbers.hugeNode());
    assertEquals("{\"detail\":[{\"type\":\"int_type\",\"loc\":[\"body\",\"max_records\"],"
        + "\"msg\":\"Input should be a valid integer\"}]}",
        assertThrows(ValidationException.class, () -> CacheUpdate.parse(Optional.of(body)))
            .body().toString());
    body.remove("max_records");
    body.set("ttl_seconds", HostileNumbers.tinyNode());
    assertEquals(new CacheSettings(0.0, 5000, 10_000),
        CacheUpdate.parse(Optional.of(body)).applyTo(CURRENT));
    assertEquals("{\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":[\"body\","
        + "\"max_projects\"],\"msg\":\"Input should be greater than or equal to 0\"}]}",
        errors("{\"max_projects\": -1e40000000}"));
    assertEquals(new CacheSettings(30, 1_000_000, 50),
        parse("{\"max_records\": 1E+999999999}").applyTo(CURRENT));
  }
}
