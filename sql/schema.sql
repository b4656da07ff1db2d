-- llmqa's own result tables. Every stage replaces its rows for one (day, app_id) at a time.
CREATE TABLE IF NOT EXISTS llmqa_runs (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    n_in BIGINT,
    n_out BIGINT,
    detail TEXT,
    PRIMARY KEY (day, app_id, stage)
);
CREATE TABLE IF NOT EXISTS llmqa_quarantine (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    trace_id TEXT,
    reason TEXT NOT NULL,
    row_json TEXT,
    prompt_version TEXT
);
-- Added when fan-out per prompt version came: warehouses created before it lack the column.
ALTER TABLE llmqa_quarantine ADD COLUMN IF NOT EXISTS prompt_version TEXT;
CREATE TABLE IF NOT EXISTS llmqa_validation (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    expectation TEXT NOT NULL,
    column_name TEXT,
    success BOOLEAN NOT NULL,
    unexpected_count BIGINT,
    element_count BIGINT
);
CREATE TABLE IF NOT EXISTS llmqa_scores (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    prompt_version TEXT,
    model TEXT,
    evaluator TEXT NOT NULL,
    score DOUBLE PRECISION,
    passed BOOLEAN,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS llmqa_trace_facts (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT NOT NULL,
    status TEXT,
    latency_ms DOUBLE PRECISION,
    tokens BIGINT NOT NULL,
    cost_usd DOUBLE PRECISION,
    feedback_score DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS llmqa_daily_metrics (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT,
    value DOUBLE PRECISION,
    ci_low DOUBLE PRECISION,
    ci_high DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS llmqa_drift (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    comparison TEXT NOT NULL,
    feature TEXT NOT NULL,
    test TEXT NOT NULL,
    statistic DOUBLE PRECISION,
    p_value DOUBLE PRECISION,
    p_adjusted DOUBLE PRECISION,
    effect_size DOUBLE PRECISION,
    threshold DOUBLE PRECISION,
    verdict TEXT NOT NULL,
    n_reference BIGINT,
    n_current BIGINT,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS llmqa_alerts (
    alert_key TEXT PRIMARY KEY,
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'alert',
    rule TEXT NOT NULL,
    subject TEXT,
    severity TEXT NOT NULL,
    metric TEXT,
    value DOUBLE PRECISION,
    threshold DOUBLE PRECISION,
    reference DOUBLE PRECISION,
    n BIGINT,
    message TEXT NOT NULL,
    evidence TEXT,
    channel TEXT,
    status TEXT NOT NULL,
    notified_on DATE,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS llmqa_examples (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT,
    trace_id TEXT NOT NULL,
    rank BIGINT NOT NULL,
    n_failed BIGINT NOT NULL,
    failed TEXT,
    reasons TEXT,
    unsupported TEXT,
    input_excerpt TEXT,
    output_excerpt TEXT,
    context_excerpt TEXT
);
