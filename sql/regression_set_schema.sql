-- The regression dataset curated from production failures: one row per app × distinct normalised input.
CREATE TABLE IF NOT EXISTS {table} (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    input_key TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    prompt_version TEXT,
    model TEXT,
    input TEXT,
    output TEXT,
    context TEXT,
    reference TEXT,
    failed_evaluators TEXT,
    reasons TEXT,
    feedback_score DOUBLE PRECISION,
    feedback_text TEXT
)
