package io.kvs.ctl;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * Users, groups and tokens (admin token; auth on). A USER or GROUP argument is a nickname or name, or a uuid:
 * kvsctl looks it up in the list.
 */
final class AccountCommands {

    private AccountCommands() {
    }

    /** The uuid of the user or group that {@code nameOrUuid} names in {@code listPath}'s list. */
    static String uuidOf(KvsClient client, String listPath, String nameField, String nameOrUuid) {
        for (JsonValue entry : client.get(listPath).json().asJsonArray()) {
            JsonObject account = entry.asJsonObject();
            if (nameOrUuid.equals(account.getString("uuid")) || nameOrUuid.equals(account.getString(nameField, null))) {
                return account.getString("uuid");
            }
        }
        throw new CtlException(ExitCodes.NOT_FOUND, "no " + (nameField.equals("nickname") ? "user" : "group")
                + " named " + nameOrUuid);
    }

    /** POST {@code {"<field>": value}} to {@code path}, and print the new account's uuid. */
    private static void create(CtlCommand command, String path, String field, String value) {
        String body = Json.createObjectBuilder().add(field, value).build().toString();
        command.out().object(command.client().send("POST", path, body).object());
    }

    static String userUuid(KvsClient client, String user) {
        return uuidOf(client, "auth/users", "nickname", user);
    }

    static String groupUuid(KvsClient client, String group) {
        return uuidOf(client, "auth/groups", "name", group);
    }

    @Command(name = "user", description = "Add, list or remove users (admin).",
            subcommands = {Users.Add.class, Users.Ls.class, Users.Rm.class})
    static final class Users extends CommandGroup {

        @Command(name = "add", description = "Add a user; prints its uuid.")
        static final class Add extends CtlCommand {

            @Parameters(paramLabel = "NICKNAME")
            String nickname;

            @Override
            void run() {
                create(this, "auth/users", "nickname", nickname);
            }
        }

        @Command(name = "ls", description = "The users.")
        static final class Ls extends CtlCommand {

            @Override
            void run() {
                out().list(client().get("auth/users").json().asJsonArray(), List.of("uuid", "nickname", "created_at"));
            }
        }

        @Command(name = "rm", description = "Remove a user: its tokens stop working at once.")
        static final class Rm extends CtlCommand {

            @Parameters(paramLabel = "USER")
            String user;

            @Override
            void run() {
                KvsClient client = client();
                client.send("DELETE", "auth/users/" + userUuid(client, user), null);
            }
        }
    }

    @Command(name = "group", description = "Add, list or remove groups and their members (admin).",
            subcommands = {Groups.Add.class, Groups.Ls.class, Groups.Rm.class, Groups.AddMember.class,
                    Groups.RmMember.class})
    static final class Groups extends CommandGroup {

        @Command(name = "add", description = "Add a group; prints its uuid.")
        static final class Add extends CtlCommand {

            @Parameters(paramLabel = "NAME")
            String name;

            @Override
            void run() {
                create(this, "auth/groups", "name", name);
            }
        }

        @Command(name = "ls", description = "The groups and their members.")
        static final class Ls extends CtlCommand {

            @Override
            void run() {
                out().list(client().get("auth/groups").json().asJsonArray(),
                        List.of("uuid", "name", "created_at", "members"));
            }
        }

        @Command(name = "rm", description = "Remove a group.")
        static final class Rm extends CtlCommand {

            @Parameters(paramLabel = "GROUP")
            String group;

            @Override
            void run() {
                KvsClient client = client();
                client.send("DELETE", "auth/groups/" + groupUuid(client, group), null);
            }
        }

        /** Puts a user in a group, or takes them out: the same path, PUT or DELETE. */
        abstract static class MemberChange extends CtlCommand {

            @Parameters(index = "0", paramLabel = "GROUP")
            String group;

            @Parameters(index = "1", paramLabel = "USER")
            String user;

            abstract String method();

            @Override
            void run() {
                KvsClient client = client();
                client.send(method(), "auth/groups/" + groupUuid(client, group) + "/members/"
                        + userUuid(client, user), null);
            }
        }

        @Command(name = "add-member", description = "Put a user in a group.")
        static final class AddMember extends MemberChange {

            @Override
            String method() {
                return "PUT";
            }
        }

        @Command(name = "rm-member", description = "Take a user out of a group.")
        static final class RmMember extends MemberChange {

            @Override
            String method() {
                return "DELETE";
            }
        }
    }

    @Command(name = "token", description = "Create or revoke tokens (admin).",
            subcommands = {Tokens.Create.class, Tokens.Revoke.class})
    static final class Tokens extends CommandGroup {

        @Command(name = "create", description = "Issue a token for USER. As a table, prints the token alone on "
                + "stdout (its jti and expiry on stderr), so that T=$(kvsctl token create …) works.")
        static final class Create extends CtlCommand {

            @Parameters(paramLabel = "USER")
            String user;

            @Option(names = "--scopes", paramLabel = "SCOPE[,SCOPE]", split = ",", required = true,
                    description = "read, write, admin")
            List<String> scopes;

            @Option(names = "--ttl", paramLabel = "DURATION", description = "lifetime: 1h, 7d (default token_ttl)")
            String ttl;

            @Override
            void run() {
                KvsClient client = client();
                JsonArrayBuilder granted = Json.createArrayBuilder();
                scopes.forEach(granted::add);
                JsonObjectBuilder body = Json.createObjectBuilder().add("user_uuid", userUuid(client, user))
                        .add("scopes", granted);
                if (ttl != null) {
                    body.add("ttl", ttl);
                }
                JsonObject issued = client.send("POST", "auth/tokens", body.build().toString()).object();
                Output out = out();
                if (out.json()) {
                    out.json(issued);
                } else {
                    out.line(issued.getString("token"));
                    spec.commandLine().getErr().println("kvsctl: jti " + issued.getString("jti") + ", expires at "
                            + issued.get("expires_at"));
                }
            }
        }

        @Command(name = "revoke", description = "Revoke a token by its jti: it stops working at once.")
        static final class Revoke extends CtlCommand {

            @Parameters(paramLabel = "JTI")
            String jti;

            @Override
            void run() {
                client().send("DELETE", "auth/tokens/" + KvsClient.encode(jti), null);
            }
        }
    }
}
