package org.vmportal.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.vmportal.application.Actor;
import org.vmportal.application.PortalException;
import org.vmportal.application.PortalException.Kind;
import org.vmportal.application.UploadRequest;

/**
 * The uploads in progress on this portal instance. An upload belongs to the user who started it;
 * anyone else asking for it is told it does not exist.
 */
@ApplicationScoped
public class UploadSessions {

  /** Suffix of files being received in the incoming folder. */
  static final String PART_SUFFIX = ".part";

  private final Map<String, IncomingUpload> uploads = new ConcurrentHashMap<>();

  IncomingUpload open(Actor owner, UploadRequest request, String name, Path incomingDirectory)
      throws IOException {
    String id = UUID.randomUUID().toString();
    Files.createDirectories(incomingDirectory);
    Path file = Files.createFile(incomingDirectory.resolve(id + PART_SUFFIX));
    IncomingUpload upload = new IncomingUpload(id, owner, request, name, file);
    uploads.put(id, upload);
    return upload;
  }

  IncomingUpload owned(Actor actor, String id) {
    IncomingUpload upload = id == null ? null : uploads.get(id);
    if (upload == null || !Objects.equals(upload.owner().userId(), actor.userId())) {
      throw new PortalException(Kind.NOT_FOUND, "There is no such upload.");
    }
    return upload;
  }

  void close(IncomingUpload upload) {
    uploads.remove(upload.id());
  }

  List<IncomingUpload> idleSince(Instant cutoff) {
    return uploads.values().stream().filter(u -> u.lastActivity().isBefore(cutoff)).toList();
  }

  boolean isOpen(Path file) {
    return uploads.values().stream().anyMatch(u -> u.file().equals(file));
  }
}
