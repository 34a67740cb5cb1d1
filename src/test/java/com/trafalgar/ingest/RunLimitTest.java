package com.trafalgar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLimitTest {
  static ValidationError rejected(String raw) {
    ValidationException e = assertThrows(ValidationException.class, () -> RunLimit.parse(raw));
    assertEquals(1, e.errors().size());
    assertEquals(422, e.status());
    return e.errors().get(0);
  }

  @Test
  void defaultAndBounds() {
    assertEquals(20, RunLimit.parse(null));
    assertEquals(1, RunLimit.parse("1"));
    assertEquals(100, RunLimit.parse("100"));
    assertEquals(7, RunLimit.parse("+7"));
  }

  @Test
  void notAnInteger() {
    for (String raw : List.of("x", "1.5", "", "5.0", "1e2", "0x10", "ten")) {
      assertEquals(new ValidationError("int_type", List.of("query", "limit"),
          "Input should be a valid integer"), rejected(raw), raw);
    }
  }

  @Test
  void outOfRange() {
    for (String raw : List.of("0", "-3", "-99999999999999999999")) {
      assertEquals(new ValidationError("greater_than_equal", List.of("query", "limit"),
          "Input should be greater than or equal to 1"), rejected(raw), raw);
    }
    for (String raw : List.of("101", "99999999999999999999")) {
      assertEquals(new ValidationError("less_than_equal", List.of("query", "limit"),
          "Input should be less than or equal to 100"), rejected(raw), raw);
    }
  }
}
