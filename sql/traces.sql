-- The trace contract as a table: what `llmqa seed` creates and fills.
CREATE TABLE IF NOT EXISTS {traces} (
    trace_id TEXT,
    ts TIMESTAMP,
    app_id TEXT,
    prompt_version TEXT,
    model TEXT,
    input TEXT,
    output TEXT,
    context TEXT,
    reference TEXT,
    latency_ms DOUBLE PRECISION,
    cost_usd DOUBLE PRECISION,
    prompt_tokens BIGINT,
    completion_tokens BIGINT,
    status TEXT,
    finish_reason TEXT,
    feedback_score DOUBLE PRECISION,
    feedback_text TEXT,
    session_id TEXT,
    metadata TEXT
);
