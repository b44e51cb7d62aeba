package org.vmportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.vmportal.e2e.support.ApiClient;
import org.vmportal.e2e.support.BrowserExtension;
import org.vmportal.e2e.support.Json;
import org.vmportal.e2e.support.Stack;
import org.vmportal.e2e.support.TestImages;

/**
 * The platform admin uploads ISOs through the REST API that the ISO page's script uses: resumable
 * chunks, and every kind of bad input refused in words, with nothing left behind.
 */
@ExtendWith(BrowserExtension.class)
class AdminUploadsIsoIT {

  static final Path STORAGE = Stack.stateDir().resolve("storage");
  static final Path INCOMING = STORAGE.resolve("incoming");
  static final Path ISO_POOL = STORAGE.resolve("isos");

  ApiClient api;

  @BeforeEach
  void signIn(WebDriver browser) {
    api = ApiClient.signIn(browser, "admin", "admin123", "admin-heading");
  }

  /** Announces and sends a whole file in chunks; returns the last answer. */
  HttpResponse<String> upload(String name, byte[] file, int chunk) throws Exception {
    HttpResponse<String> begin = begin(name, file.length);
    assertThat(begin.statusCode()).as(begin.body()).isEqualTo(201);
    String id = Json.string(begin.body(), "uploadId");
    HttpResponse<String> last = null;
    for (int from = 0; from < file.length; from += chunk) {
      last = api.putChunk(id, file, from, Math.min(file.length, from + chunk));
      if (last.statusCode() != 200) {
        return last;
      }
    }
    return last;
  }

  HttpResponse<String> begin(String name, long size) throws Exception {
    return api.postJson(
        "uploads",
        "{\"kind\":\"ISO\",\"fileName\":" + Json.quote(name) + ",\"sizeBytes\":" + size + "}");
  }

  static List<Path> incomingFiles() throws Exception {
    if (!Files.isDirectory(INCOMING)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(INCOMING)) {
      return files.toList();
    }
  }

  @Test
  void anIsoArrivesInChunksAndIsStoredReadOnlyWithItsHash() throws Exception {
    byte[] iso = TestImages.iso(300_000);
    HttpResponse<String> done = upload("../../etc/passwd.iso", iso, 100_000);

    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    Long isoId = Json.number(done.body(), "resultId");
    assertThat(isoId).isNotNull();
    assertThat(Json.string(done.body(), "name")).isEqualTo("passwd.iso");

    try (Connection db = Stack.database();
        PreparedStatement q =
            db.prepareStatement("SELECT volume_name, size_bytes, sha256 FROM isos WHERE id = ?")) {
      q.setLong(1, isoId);
      try (ResultSet row = q.executeQuery()) {
        assertThat(row.next()).isTrue();
        Path stored = ISO_POOL.resolve(row.getString("volume_name"));
        assertThat(row.getString("volume_name")).matches("[0-9a-f-]{36}\\.iso");
        assertThat(row.getLong("size_bytes")).isEqualTo(iso.length);
        assertThat(Files.readAllBytes(stored)).isEqualTo(iso);
        assertThat(Files.getPosixFilePermissions(stored))
            .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE);
        assertThat(row.getString("sha256"))
            .isEqualTo(
                java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(iso)));
      }
    }
    assertThat(api.get("isos").body()).contains("\"id\":" + isoId).contains("passwd.iso");
    assertThat(incomingFiles()).isEmpty();

    HttpResponse<String> deleted = api.delete("isos/" + isoId);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(api.get("isos").body()).doesNotContain("\"id\":" + isoId + ",");
  }

  @Test
  void theSameFileTwiceIsADuplicate() throws Exception {
    byte[] iso = TestImages.iso(80_000);
    assertThat(upload("first.iso", iso, 80_000).statusCode()).isEqualTo(200);

    HttpResponse<String> again = upload("second.iso", iso, 80_000);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(Json.string(again.body(), "error"))
        .isEqualTo("This ISO is already in the catalog as \u201cfirst.iso\u201d.");
    assertThat(incomingFiles()).isEmpty();
  }

  @Test
  void badInputIsRefusedInWordsAndLeavesNothing() throws Exception {
    assertRefused(begin("big.iso", 9L << 30), 413, "uploads are limited to");
    assertRefused(begin("empty.iso", 0), 400, "The file is empty.");
    assertRefused(begin("tiny.iso", 100), 415, "too small to be an ISO");
    assertRefused(begin("nul\u0000.iso", 100_000), 400, "control characters");
    assertRefused(begin("bell\u0007.iso", 100_000), 400, "control characters");
    assertRefused(begin("a".repeat(296) + ".iso", 100_000), 400, "too long (300 characters");
    assertRefused(begin("", 100_000), 400, "needs a name");

    HttpResponse<String> notIso = upload("holiday.iso", TestImages.notIso(200_000), 100_000);
    assertRefused(notIso, 415, "not an ISO 9660 image");

    assertThat(incomingFiles()).isEmpty();
  }

  @Test
  void aChunkOutOfOrderIsRefusedAndTheUploadResumes() throws Exception {
    byte[] iso = TestImages.iso(150_000);
    String id = Json.string(begin("resume.iso", iso.length).body(), "uploadId");
    assertThat(api.putChunk(id, iso, 0, 50_000).statusCode()).isEqualTo(200);

    assertRefused(api.putChunk(id, iso, 100_000, 150_000), 409, "resume from there");
    assertThat(Json.number(api.get("uploads/" + id).body(), "receivedBytes")).isEqualTo(50_000);
    HttpResponse<String> done = api.putChunk(id, iso, 50_000, 150_000);
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(Json.number(done.body(), "resultId")).isNotNull();
  }

  @Test
  void aCancelledUploadLeavesNothing() throws Exception {
    byte[] iso = TestImages.iso(150_000);
    String id = Json.string(begin("cancel.iso", iso.length).body(), "uploadId");
    assertThat(api.putChunk(id, iso, 0, 50_000).statusCode()).isEqualTo(200);
    assertThat(incomingFiles()).hasSize(1);

    assertThat(api.delete("uploads/" + id).statusCode()).isEqualTo(204);
    assertThat(incomingFiles()).isEmpty();
    assertThat(api.get("uploads/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void twoUploadsAtOnceBothArrive() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<HttpResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        byte[] iso = TestImages.iso(2_000_000);
        String name = "parallel-" + i + ".iso";
        results.add(pool.submit((Callable<HttpResponse<String>>) () -> upload(name, iso, 250_000)));
      }
      for (Future<HttpResponse<String>> result : results) {
        assertThat(result.get().statusCode()).as(result.get().body()).isEqualTo(200);
        assertThat(Json.number(result.get().body(), "resultId")).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void stateChangingCallsNeedTheCsrfHeader() throws Exception {
    HttpResponse<String> response =
        api.send(
            api.requestWithoutCsrfHeader("uploads")
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"ISO\",\"fileName\":\"x.iso\",\"sizeBytes\":100000}"))
                .build());
    assertThat(response.statusCode()).isEqualTo(403);
  }

  static void assertRefused(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(Json.string(response.body(), "error")).contains(message);
  }
}
