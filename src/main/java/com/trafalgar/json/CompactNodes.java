package com.trafalgar.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds JSON trees that are cheap to keep: objects over a {@link SmallMap} instead of a {@code
 * LinkedHashMap}, and, during one parse ({@link Json#readCompact}), one shared node per repeated
 * short string (a project name, a status, a user on 50,000 versions). The trees behave exactly as
 * Jackson's own (same classes, same equality, same field order); only their weight differs.
 */
public final class CompactNodes extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;
  /** Strings longer than this are rarely repeated: not worth a table entry. */
  private static final int SHARED_TEXT_MAX = 64;

  /** Compact objects, no string sharing: safe to use from any thread. */
  public static final CompactNodes OBJECTS = new CompactNodes(false);

  /** The shared strings of the parse in progress; {@code null} once it ended, or never used. */
  private transient Map<String, TextNode> texts;

  private CompactNodes(boolean shareTexts) {
    super(false);
    this.texts = shareTexts ? new HashMap<>() : null;
  }

  /**
   * A factory for one parse, or one batch of trees built on one thread (the ingest registry's
   * runs): repeated short strings share one node until {@link #parsed()}.
   */
  public static CompactNodes sharingTexts() {
    return new CompactNodes(true);
  }

  /**
   * Ends the parse: the table goes (every node keeps this factory, so it would otherwise live as
   * long as the tree), and later additions to the tree, from any thread, get plain nodes.
   */
  public void parsed() {
    texts = null;
  }

  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new SmallMap<String, JsonNode>());
  }

  @Override
  public TextNode textNode(String text) {
    Map<String, TextNode> table = texts;
    if (table == null || text == null || text.length() > SHARED_TEXT_MAX) {
      return super.textNode(text);
    }
    return table.computeIfAbsent(text, TextNode::valueOf);
  }
}
