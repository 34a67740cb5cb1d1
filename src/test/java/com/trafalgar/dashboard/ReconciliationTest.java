package com.trafalgar.dashboard;

import static com.trafalgar.dashboard.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mismatch rules of API.md 9.7 and the grouping of 4.9. */
class ReconciliationTest {

  private static String mismatches(String report) {
    return Json.mapper().valueToTree(Reconciliation.mismatches(json(report))).toString();
  }

  @Test
  void theContractExample() {
    assertEquals(json("""
        [{"type": "missing_in_fs", "shot": "ep01", "expected": "v002", "source": "shotgrid"},
         {"type": "version_mismatch", "shot": "ep01", "expected": "v002", "found": "v001"}]"""),
        json(mismatches("""
        {"shotgrid": [{"shot": "ep01", "version_number": 1}, {"shot": "ep01", "version": "v002"}],
         "filesystem": [{"shot": "ep01", "version": "v001", "path": "/mnt/renders/ep01/a.mov"}],
         "s3": null}""")));
  }

  @Test
  void everyRuleInOrderPerSortedShot() {
    String report = """
        {"shotgrid": [{"shot": "B", "version": "V2"}, {"shot": "b", "version": 1},
                      {"shot": "a", "version_number": 3, "version": "ignored"},
                      {"shot": "c"}, {"version": "v1"}, "junk"],
         "filesystem": [{"shot": "b", "version": "v003", "path": "/fs/b3"},
                        {"shot": "b", "version": "v003", "path": "/fs/second"},
                        {"shot": "a", "version": 3}],
         "s3": [{"shot": "b", "version": "v002"}, {"shot": "b", "version": "v009", "key": "k9"}]}
        """;
    assertEquals(json("""
        [{"type": "missing_in_s3", "shot": "a", "expected": "v003", "source": "shotgrid"},
         {"type": "missing_in_fs", "shot": "b", "expected": "v001", "source": "shotgrid"},
         {"type": "missing_in_fs", "shot": "b", "expected": "v2", "source": "shotgrid"},
         {"type": "missing_in_s3", "shot": "b", "expected": "v001", "source": "shotgrid"},
         {"type": "missing_in_s3", "shot": "b", "expected": "v2", "source": "shotgrid"},
         {"type": "orphan_in_fs", "shot": "b", "found": "v003", "path": "/fs/b3",
          "source": "filesystem"},
         {"type": "orphan_in_s3", "shot": "b", "found": "v002", "key": "", "source": "s3"},
         {"type": "orphan_in_s3", "shot": "b", "found": "v009", "key": "k9", "source": "s3"},
         {"type": "version_mismatch", "shot": "b", "expected": "v2", "found": "v003"}]"""),
        json(mismatches(report)));
  }

  @Test
  void s3IsCheckedOnlyWhenItIsAnArrayEvenEmpty() {
    String sg = "{\"shotgrid\": [{\"shot\": \"x\", \"version\": \"v1\"}],"
        + " \"filesystem\": [{\"shot\": \"x\", \"version\": \"v1\"}]";
    assertEquals("[]", mismatches(sg + "}"));
    assertEquals("[]", mismatches(sg + ", \"s3\": null}"));
    assertEquals(json("[{\"type\": \"missing_in_s3\", \"shot\": \"x\", \"expected\": \"v1\","
        + " \"source\": \"shotgrid\"}]"), json(mismatches(sg + ", \"s3\": []}")));
  }

  @Test
  void orphansWithoutALocationGetAnEmptyOne() {
    assertEquals(json("[{\"type\": \"orphan_in_s3\", \"shot\": \"x\", \"found\": \"v001\","
        + " \"key\": \"\", \"source\": \"s3\"}]"),
        json(mismatches("{\"s3\": [{\"shot\": \"x\", \"version\": 1.0}]}")));
  }

  @Test
  void aReportThatIsNotAnObjectHasNoMismatches() {
    assertEquals("[]", mismatches("[1, 2]"));
  }

  @Test
  void summaryGroupsByTypeAndPathWithSortedDistinctShots() {
    List<ObjectNode> mismatches = List.of(
        (ObjectNode) json("{\"type\": \"orphan_in_fs\", \"shot\": \"ep02\", \"path\": \"/p\"}"),
        (ObjectNode) json("{\"type\": \"orphan_in_fs\", \"shot\": \"ep01\", \"path\": \"/p\"}"),
        (ObjectNode) json("{\"type\": \"orphan_in_fs\", \"shot\": \"ep01\", \"path\": \"/p\"}"),
        (ObjectNode) json("{\"type\": \"missing_in_fs\", \"shot\": \"\"}"),
        (ObjectNode) json("{\"type\": \"orphan_in_s3\", \"shot\": \"ep01\", \"key\": \"k\"}"),
        (ObjectNode) json("{\"type\": \"metadata\", \"key\": \"z\", \"path\": \"a\"}"));
    assertEquals(json("""
        [{"type": "metadata", "path": "a", "count": 1, "shots": []},
         {"type": "missing_in_fs", "path": "", "count": 1, "shots": []},
         {"type": "orphan_in_fs", "path": "/p", "count": 3, "shots": ["ep01", "ep02"]},
         {"type": "orphan_in_s3", "path": "k", "count": 1, "shots": ["ep01"]}]"""),
        Json.mapper().valueToTree(Reconciliation.summary(mismatches)));
  }
}
