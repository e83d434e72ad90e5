import Backends
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// How the server asks glibc's allocator to hold less memory it no longer uses
/// (bench/memory.sh measures the effect on the idle RSS).
enum MallocTuning {
    /// Caps glibc's malloc arenas at one per core (glibc's default is eight per core, made as
    /// threads first allocate: the server's event loops, database workers, engine and pool
    /// threads made 15 on 2 cores, each keeping its freed pages). Threads past the cap share
    /// arenas; with no more threads running than cores, they seldom wait for one. Called
    /// first, before any thread allocates, so every arena counts.
    static func limitArenas(to cores: Int) {
        _ = mallopt(M_ARENA_MAX, Int32(clamping: max(1, cores)))
    }

    /// Gives the pages of freed memory back to the system (every arena, not only the main
    /// heap's top, which is all glibc trims by itself). For after bulk work that allocates and
    /// frees a lot at once (start-up's loads, the journal's replay, a ranking recomputation):
    /// it walks the free lists, so not for a hot path.
    static func releaseFreedMemory() {
        _ = malloc_trim(0)
    }

    /// The pages `database` caches beyond what it uses (SQLite's page caches, filled by the
    /// bulk work), then the freed memory.
    static func release(_ database: any SQLDatabase) async {
        await database.releaseMemory()
        releaseFreedMemory()
    }
}
