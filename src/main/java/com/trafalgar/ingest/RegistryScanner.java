package com.trafalgar.ingest;

import com.fasterxml.jackson.databind.ObjectReader;
import com.trafalgar.ingest.RegistryParser.RecordBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the run records of a registry document (API.md 6.4) by their bytes, without tokenising
 * them. A registry of 10,000 runs is 5 MB that the ingest tool rewrites up to twenty times a
 * second; a full tokeniser spent most of its time on field names and numbers of records that did
 * not change. This scanner only matches brackets and skips strings, and checks the structure
 * around the records (commas, the {@code runs} key, nothing after the document).
 *
 * <p>It does not validate what it skips: the caller parses every record whose bytes are new with
 * Jackson, and a record whose bytes equal an already accepted one is valid by construction. Values
 * outside the records (other keys of the document, items that are not objects) are parsed with
 * Jackson here. A shape this scanner does not handle exactly as a JSON parser would (a scalar
 * document, a top-level key with escapes or non-ASCII bytes) yields {@code null}: the caller then
 * tokenises the document instead.
 */
final class RegistryScanner {
  private final byte[] content;
  private final ObjectReader validator;
  private int at;

  private RegistryScanner(byte[] content, ObjectReader validator) {
    this.content = content;
    this.validator = validator;
  }

  /**
   * The run records of {@code content} in file order (empty when the document holds no runs
   * array), or {@code null} when the caller must tokenise the document itself.
   *
   * @param validator parses the values outside the records (strict, no trailing tokens)
   * @throws IOException when the content is not one complete, well-formed JSON document
   */
  static List<RecordBytes> records(byte[] content, ObjectReader validator) throws IOException {
    return new RegistryScanner(content, validator).document();
  }

  private List<RecordBytes> document() throws IOException {
    if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
        && (content[2] & 0xFF) == 0xBF) {
      at = 3;
    }
    whitespace();
    if (at == content.length) {
      // an empty (e.g. just truncated) file is not a JSON document
      throw new IOException("The registry file is empty.");
    }
    List<RecordBytes> records;
    if (content[at] == '[') {
      records = array();
    } else if (content[at] == '{') {
      records = object();
      if (records == null) {
        return null;
      }
    } else {
      return null;
    }
    whitespace();
    if (at != content.length) {
      throw new IOException("The registry file has content after its JSON document.");
    }
    return records;
  }

  /** The top-level object: as a tree would read it, the last {@code runs} key wins. */
  private List<RecordBytes> object() throws IOException {
    at++;
    whitespace();
    List<RecordBytes> records = List.of();
    int runsFrom = -1;
    int runsTo = -1;
    if (peek() == '}') {
      at++;
      return records;
    }
    while (true) {
      if (peek() != '"') {
        throw malformed("a key");
      }
      Boolean runs = key();
      if (runs == null) {
        return null;
      }
      whitespace();
      if (peek() != ':') {
        throw malformed("':'");
      }
      at++;
      whitespace();
      if (runs && runsFrom >= 0) {
        // A later runs key wins, so the records found so far are never parsed; a malformed one
        // still makes the document malformed, as it does for the tokeniser.
        validator.readTree(content, runsFrom, runsTo - runsFrom);
        runsFrom = -1;
      }
      if (runs && peek() == '[') {
        runsFrom = at;
        records = array();
        runsTo = at;
      } else {
        if (runs) {
          records = List.of();
        }
        validatedValue();
      }
      whitespace();
      byte next = peek();
      at++;
      if (next == '}') {
        return records;
      }
      if (next != ',') {
        throw malformed("',' or '}'");
      }
      whitespace();
    }
  }

  /**
   * Reads a key: whether it is {@code runs}; {@code null} when it holds an escape, a control
   * character or a non-ASCII byte (left to the tokeniser, which decodes and validates those).
   */
  private Boolean key() throws IOException {
    int from = ++at;
    while (at < content.length) {
      byte b = content[at];
      if (b == '"') {
        int length = at - from;
        at++;
        return length == 4 && content[from] == 'r' && content[from + 1] == 'u'
            && content[from + 2] == 'n' && content[from + 3] == 's';
      }
      if (b == '\\' || b < 0x20) {
        return null; // a negative byte is non-ASCII
      }
      at++;
    }
    throw malformed("the end of a key");
  }

  /** The runs array: object items are records; other items are checked and ignored. */
  private List<RecordBytes> array() throws IOException {
    at++;
    whitespace();
    List<RecordBytes> records = new ArrayList<>();
    if (peek() == ']') {
      at++;
      return records;
    }
    while (true) {
      if (peek() == '{') {
        int from = at;
        skipContainer();
        records.add(new RecordBytes(content, from, at));
      } else {
        validatedValue();
      }
      whitespace();
      byte next = peek();
      at++;
      if (next == ']') {
        return records;
      }
      if (next != ',') {
        throw malformed("',' or ']'");
      }
      whitespace();
    }
  }

  /** Skips one value and has the tokeniser check it (values outside the records are small). */
  private void validatedValue() throws IOException {
    int from = at;
    skipValue();
    validator.readTree(content, from, at - from);
  }

  private void skipValue() throws IOException {
    byte first = peek();
    if (first == '{' || first == '[') {
      skipContainer();
    } else if (first == '"') {
      at++;
      skipStringBody();
    } else {
      int from = at;
      while (at < content.length && !delimiter(content[at])) {
        // a number, true, false or null is printable ASCII; Jackson reads a lone "3\0" as 3
        if (content[at] < 0x21 || content[at] > 0x7e) {
          throw malformed("a value");
        }
        at++;
      }
      if (at == from) {
        throw malformed("a value");
      }
    }
  }

  /** From an opening bracket to just after its matching closing bracket. */
  private void skipContainer() throws IOException {
    final byte[] bytes = content;
    final int end = bytes.length;
    int depth = 0;
    int i = at;
    while (i < end) {
      byte b = bytes[i++];
      if (b == '"') {
        // skip the string: a backslash escapes the next byte, whatever it is
        while (true) {
          if (i >= end) {
            throw new IOException("The registry file ends inside a string.");
          }
          byte c = bytes[i++];
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            i++;
          }
        }
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        if (--depth == 0) {
          at = i;
          return;
        }
      }
    }
    throw new IOException("The registry file ends inside a value.");
  }

  private void skipStringBody() throws IOException {
    while (at < content.length) {
      byte b = content[at++];
      if (b == '"') {
        return;
      }
      if (b == '\\') {
        at++;
      }
    }
    throw new IOException("The registry file ends inside a string.");
  }

  private void whitespace() {
    while (at < content.length) {
      byte b = content[at];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      at++;
    }
  }

  private byte peek() throws IOException {
    if (at >= content.length) {
      throw new IOException("The registry file ends early.");
    }
    return content[at];
  }

  private static boolean delimiter(byte b) {
    return b == ',' || b == ']' || b == '}' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private IOException malformed(String expected) {
    return new IOException("The registry file is malformed at byte " + at + ": expected "
        + expected + ".");
  }
}
