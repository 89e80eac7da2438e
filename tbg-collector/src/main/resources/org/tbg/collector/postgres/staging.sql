-- Per-connection staging tables: COPY lands here, then one statement moves the rows on with
-- ON CONFLICT DO NOTHING. Temporary tables write no WAL and empty themselves at commit.
-- Memory for a whole batch (10,000 events take about 5 MB staged): past the defaults (8 MB of
-- temporary buffers, 4 MB per sort) a large batch spills to disk and costs twice the CPU per event.
-- temp_buffers must be set before the session's first temporary table.
SET temp_buffers = '64MB';
SET work_mem = '32MB';
-- The batch statement is planned for thousands of rows, which crosses the JIT thresholds; compiling
-- it (the code is not kept between executions) took longer than running it: 3x the CPU per event
-- at 20,000-event batches (docs/performance.md).
SET jit = off;
CREATE TEMP TABLE IF NOT EXISTS stage_events (
    event_id      uuid    NOT NULL,
    ts_us         bigint  NOT NULL,
    event_type    text    NOT NULL,
    region        text    NOT NULL,
    source        text    NOT NULL,
    pool_instance text    NOT NULL,
    seq           bigint  NOT NULL,
    payload       jsonb   NOT NULL,
    user_name     text,
    worker_name   text,
    keep          boolean NOT NULL, -- false: older than the mining_events retention (only blocks take it)
    -- what the event says about its worker, read from data by the collector so that the batch
    -- statement never parses jsonb: the diff it sets, online or not, the hashrates
    diff          double precision,
    online        boolean,
    hashrate_1m   double precision,
    hashrate_5m   double precision,
    hashrate_1h   double precision,
    hashrate_1d   double precision
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_shares (
    event_id      uuid             NOT NULL,
    ts_us         bigint           NOT NULL,
    btc_address   text             NOT NULL,
    worker_name   text             NOT NULL,
    difficulty    double precision NOT NULL,
    share_diff    double precision NOT NULL,
    is_valid      boolean          NOT NULL,
    is_block      boolean          NOT NULL,
    reject_reason text,
    ip_address    inet,
    region        text             NOT NULL,
    source        text             NOT NULL
) ON COMMIT DELETE ROWS
