#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: these wrappers take fixed arguments. */

/* Turns off SQLite's memory statistics, which take a global mutex on every allocation
   (bulk loads allocate per bound value). Must run before SQLite initializes; returns
   SQLITE_MISUSE afterwards, which is harmless. */
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
