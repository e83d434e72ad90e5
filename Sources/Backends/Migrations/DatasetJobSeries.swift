/// Version 15: at most one dataset download of a series (ticker, market, timeframe) queued or
/// running at a time, enforced by the database with a partial unique index, so that two
/// server instances on one PostgreSQL cannot start the same download twice (the second
/// insert fails with a unique violation, which the API answers 409 CONFLICT). Jobs left queued
/// or running before this version had no runner (nothing ran them), so they are marked failed
/// first; the index could not be built over two of them.
enum DatasetJobSeries {
    static let sql = """
        UPDATE dataset_jobs SET status = 'failed', message = 'interrupted by a restart'
        WHERE status IN ('queued', 'running');
        CREATE UNIQUE INDEX IF NOT EXISTS dataset_jobs_active_series ON dataset_jobs (ticker, market, timeframe)
        WHERE status IN ('queued', 'running');

        """
}
