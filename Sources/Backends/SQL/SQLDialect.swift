/// Which SQL dialect a connection speaks, for the few statements that differ.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgresql
}
