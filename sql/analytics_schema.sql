-- Result tables of the analyse stage (llmqa/analytics). Like the others, each is replaced per (day, app_id),
-- except llmqa_review_labels, which holds what reviewers said and is replaced per (app, trace, evaluator).
CREATE TABLE IF NOT EXISTS llmqa_ab_tests (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    version_a TEXT NOT NULL,
    version_b TEXT NOT NULL,
    metric TEXT NOT NULL,
    test TEXT NOT NULL,
    n_a BIGINT,
    n_b BIGINT,
    value_a DOUBLE PRECISION,
    value_b DOUBLE PRECISION,
    difference DOUBLE PRECISION,
    statistic DOUBLE PRECISION,
    p_value DOUBLE PRECISION,
    p_adjusted DOUBLE PRECISION,
    min_n_per_version BIGINT,
    verdict TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS llmqa_cost (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT NOT NULL,
    traces BIGINT,
    successes BIGINT,
    cost_usd DOUBLE PRECISION,
    prompt_tokens BIGINT,
    completion_tokens BIGINT,
    cost_per_trace DOUBLE PRECISION,
    cost_per_success DOUBLE PRECISION,
    tokens_per_trace DOUBLE PRECISION,
    reference_tokens_per_trace DOUBLE PRECISION,
    token_growth DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS llmqa_repeats (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    traces BIGINT,
    exact_repeats BIGINT,
    near_repeats BIGINT,
    repeat_share DOUBLE PRECISION,
    exact_cache_savings_usd DOUBLE PRECISION,
    semantic_cache_savings_usd DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS llmqa_routing (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT NOT NULL,
    simple_traces BIGINT,
    pass_rate DOUBLE PRECISION,
    cheaper_model TEXT NOT NULL,
    cheaper_pass_rate DOUBLE PRECISION,
    cheaper_traces BIGINT,
    cost_usd DOUBLE PRECISION,
    cost_on_cheaper_usd DOUBLE PRECISION,
    savings_usd DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS llmqa_context (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    bucket TEXT NOT NULL,
    bucket_order BIGINT NOT NULL,
    traces BIGINT,
    mean_context_tokens DOUBLE PRECISION,
    graded BIGINT,
    pass_rate DOUBLE PRECISION,
    ci_low DOUBLE PRECISION,
    ci_high DOUBLE PRECISION,
    unused_share DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS llmqa_review_sample (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    prompt_version TEXT,
    model TEXT,
    stratum TEXT NOT NULL,
    stratum_size BIGINT NOT NULL,
    weight DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS llmqa_review_labels (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    evaluator TEXT NOT NULL,
    human_passed BOOLEAN NOT NULL,
    stratum TEXT,
    weight DOUBLE PRECISION,
    reviewer TEXT,
    note TEXT
);
CREATE TABLE IF NOT EXISTS llmqa_review_agreement (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    evaluator TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    labels BIGINT,
    agreed BIGINT,
    "precision" DOUBLE PRECISION,
    recall DOUBLE PRECISION,
    agreement DOUBLE PRECISION,
    kappa DOUBLE PRECISION,
    flagged BOOLEAN,
    note TEXT
);
CREATE TABLE IF NOT EXISTS llmqa_findings (
    day DATE NOT NULL,
    app_id TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    analysis TEXT NOT NULL,
    finding TEXT NOT NULL
)
