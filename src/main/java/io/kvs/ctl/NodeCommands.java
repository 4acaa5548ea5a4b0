package io.kvs.ctl;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;

import java.util.List;

/** The commands about the node and the cluster: members, status, health, backups, compaction, the audit chain. */
final class NodeCommands {

    private NodeCommands() {
    }

    @Command(name = "members", description = "The cluster's members as this node sees them.")
    static final class Members extends CtlCommand {

        @Override
        void run() {
            out().list(client().get("members/").json().asJsonArray(),
                    List.of("id", "address", "status", "last_seen", "joined_timestamp"));
        }
    }

    @Command(name = "status", description = "Whether this node's data equals each peer's (/sync/status).")
    static final class Status extends CtlCommand {

        @Override
        void run() {
            JsonObject status = client().get("sync/status").object();
            Output out = out();
            if (out.json()) {
                out.json(status);
                return;
            }
            out.line("node " + Output.cell(status.get("node_id")) + ": "
                    + (status.getBoolean("in_sync", false) ? "in sync with every peer" : "NOT in sync")
                    + ", root " + Output.cell(status.get("root")));
            out.list(status.getJsonArray("peers"), List.of("id", "equal", "root", "last_round", "keys_repaired"));
        }
    }

    @Command(name = "health", description = "The node's health: status, mode, members, node id.")
    static final class Health extends CtlCommand {

        @Override
        void run() {
            out().object(client().get("health").object());
        }
    }

    @Command(name = "compact", description = "Compact the node's log now (admin).")
    static final class Compact extends CtlCommand {

        @Override
        void run() {
            out().object(client().send("POST", "admin/compaction", null).object());
        }
    }

    @Command(name = "backup", description = "Take or list this node's backups (admin).",
            subcommands = {Backups.Create.class, Backups.Ls.class})
    static final class Backups extends CommandGroup {

        @Command(name = "create", description = "Take a backup now.")
        static final class Create extends CtlCommand {

            @Override
            void run() {
                out().object(client().send("POST", "admin/backups", null).object());
            }
        }

        @Command(name = "ls", description = "This node's archives, newest first.")
        static final class Ls extends CtlCommand {

            @Override
            void run() {
                Output out = out();
                JsonObject backups = client().get("admin/backups").object();
                if (out.json()) {
                    out.json(backups);
                } else {
                    out.list(backups.getJsonArray("backups"), List.of("file", "bytes", "created_at"));
                }
            }
        }
    }

    @Command(name = "audit", description = "The audit chain (admin).", subcommands = Audit.Verify.class)
    static final class Audit extends CommandGroup {

        @Command(name = "verify", description = "Check the hash chain; exit 1 when it is broken.")
        static final class Verify extends CtlCommand {

            @Override
            void run() {
                JsonObject verdict = client().get("audit/verify").object();
                out().object(verdict);
                if (!verdict.getBoolean("valid", false)) {
                    JsonValue bad = verdict.get("first_bad_seq");
                    throw new CtlException(ExitCodes.NOT_FOUND, "the audit chain is broken at entry "
                            + Output.cell(bad));
                }
            }
        }
    }
}
