package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.render.farm.Frames;
import java.math.BigInteger;

/**
 * A job's request as recorded (API.md 5.4, 5.13.1): normalised values; once recorded, {@code
 * priority} and {@code chunkSize} hold the effective values. Integers are {@link BigInteger} so
 * any value a client sends is kept exactly.
 *
 * @param frameCount the frame count of {@code frames} (5.3.2), computed once when the request is
 *     parsed so that status lookups never parse the frames again; not part of the JSON form
 */
public record JobRequest(
    String dcc,
    String scene,
    String frames,
    String output,
    String farm,
    BigInteger priority,
    BigInteger chunkSize,
    String user,
    BigInteger frameCount) {

  /** A request whose frame count is computed from {@code frames} (tests, tools). */
  public JobRequest(String dcc, String scene, String frames, String output, String farm,
      BigInteger priority, BigInteger chunkSize, String user) {
    this(dcc, scene, frames, output, farm, priority, chunkSize, user,
        Frames.parse(frames).frameCount());
  }

  /** This request with the effective priority and chunk size. */
  public JobRequest withEffective(BigInteger effectivePriority, BigInteger effectiveChunkSize) {
    return new JobRequest(dcc, scene, frames, output, farm, effectivePriority, effectiveChunkSize,
        user, frameCount);
  }

  /** The {@code request} object of RenderJobMetadata and of the store. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("dcc", dcc);
    node.put("scene", scene);
    node.put("frames", frames);
    node.put("output", output);
    node.put("farm", farm);
    node.put("priority", priority);
    node.put("chunk_size", chunkSize);
    node.put("user", user);
    return node;
  }
}
