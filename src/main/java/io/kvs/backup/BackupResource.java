package io.kvs.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;

/** {@code POST /admin/backups} (a backup now) and {@code GET /admin/backups} (this node's archives), admin only. */
@Path("admin/backups")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class BackupResource {

    /** One archive in the listing; {@code createdAt} is Unix ms, read from the file name. */
    public record Listed(String file, long bytes, long createdAt) {
    }

    /** {@code {"backups": [...]}}, newest first. */
    public record Listing(List<Listed> backups) {
    }

    private BackupService backups;

    @Inject
    public BackupResource(BackupService backups) {
        this.backups = backups;
    }

    protected BackupResource() {
    }

    @POST
    public BackupResult backupNow() throws IOException {
        return backups.backupNow();
    }

    @GET
    public Listing list() throws IOException {
        return new Listing(backups.list().stream()
                .map(f -> new Listed(f.path().getFileName().toString(), f.bytes(), backups.takenAtMillis(f)))
                .toList());
    }
}
