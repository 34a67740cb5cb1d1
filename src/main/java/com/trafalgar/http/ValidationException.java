package com.trafalgar.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.List;

/** A 422 answer listing every failing field in the route's field order (API.md 2.3). */
public class ValidationException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final transient List<ValidationError> errors;

  public ValidationException(List<ValidationError> errors) {
    super(422, body(errors));
    this.errors = List.copyOf(errors);
  }

  public ValidationException(ValidationError error) {
    this(List.of(error));
  }

  public List<ValidationError> errors() {
    return errors;
  }

  private static ObjectNode body(List<ValidationError> errors) {
    ObjectNode body = Json.object();
    ArrayNode detail = body.putArray("detail");
    for (ValidationError error : errors) {
      ObjectNode entry = detail.addObject();
      entry.put("type", error.type());
      ArrayNode loc = entry.putArray("loc");
      error.loc().forEach(loc::add);
      entry.put("msg", error.msg());
    }
    return body;
  }
}
