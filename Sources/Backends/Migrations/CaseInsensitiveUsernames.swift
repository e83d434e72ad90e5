/// Version 5: usernames are unique whatever the case of their letters (`Admin` and `ADMIN`
/// cannot join `admin`), enforced by a unique index on the lowercased name.
///
/// Both databases lowercase ASCII letters only: SQLite's built-in `lower()` does nothing
/// else, and PostgreSQL's does nothing else under the "C" collation, whatever the
/// database's locale. New usernames are ASCII (`AuthService.isValidUsername`), so for them
/// the rule is complete. A database holding usernames that already clash is refused, naming
/// them, rather than having the index fail halfway or the names changed behind the operator's back.
enum CaseInsensitiveUsernames {
    /// The username as the index compares it.
    static func folded(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: return "lower(username)"
        case .postgresql: return #"lower(username COLLATE "C")"#
        }
    }

    static func sql(_ dialect: SQLDialect) -> String {
        "CREATE UNIQUE INDEX users_username_folded ON users (\(folded(dialect)));\n"
    }

    /// Every user whose name clashes with another's once lowercased.
    static func precondition(_ dialect: SQLDialect) -> MigrationPrecondition {
        let folded = folded(dialect)
        let query = """
            SELECT \(folded) AS folded, id, username FROM users WHERE \(folded) IN \
            (SELECT \(folded) FROM users GROUP BY \(folded) HAVING COUNT(*) > 1) ORDER BY folded, username, id
            """
        return MigrationPrecondition(query: query) { rows throws(StorageError) in
            var groups: [(folded: String, users: [String])] = []
            for row in rows {
                let user = "'\(try row.string("username"))' (id \(try row.string("id")))"
                let name = try row.string("folded")
                if groups.last?.folded == name { groups[groups.count - 1].users.append(user) } else { groups.append((name, [user])) }
            }
            return "usernames that differ only in case: " + groups.map { $0.users.joined(separator: ", ") }.joined(separator: "; ")
                + ". Keep one user of each group: delete the others (DELETE /api/v1/users/{id} with the previous version) "
                + "or rename them in the database, then start again."
        }
    }
}
