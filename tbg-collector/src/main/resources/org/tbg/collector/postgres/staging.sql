-- Per-connection staging tables: COPY lands here, then one statement moves the rows on with
-- ON CONFLICT DO NOTHING. Temporary tables write no WAL and empty themselves at commit.
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
    keep          boolean NOT NULL  -- false: older than the mining_events retention (only blocks take it)
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
