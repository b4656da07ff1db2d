-- One (day, app)'s valid traces measured per prompt version × model, per version and overall;
-- a rolled-up key reads :all. percentile_cont interpolates linearly, as polars' 'linear' quantile.
-- Costs are summed as decimals: a sum of doubles depends on the order rows are read in, and a
-- rerun of a day must give the same figures.
SELECT
    CASE WHEN GROUPING(prompt_version) = 1 THEN :all ELSE prompt_version END AS prompt_version,
    CASE WHEN GROUPING(model) = 1 THEN :all ELSE model END AS model,
    COUNT(*) AS n,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50_ms,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95_ms,
    AVG(CAST(tokens AS DOUBLE PRECISION)) AS tokens_per_trace,
    COALESCE(CAST(SUM(CAST(cost_usd AS DECIMAL(38, 12))) AS DOUBLE PRECISION), 0) AS cost_usd,
    CAST(AVG(CAST(cost_usd AS DECIMAL(38, 12))) AS DOUBLE PRECISION) AS cost_per_trace,
    SUM(CASE WHEN status <> 'ok' THEN 1 ELSE 0 END) AS errors,
    SUM(CASE WHEN feedback_score <= 0 THEN 1 ELSE 0 END) AS thumbs_down,
    COUNT(feedback_score) AS feedback
FROM llmqa_trace_facts
WHERE day = :day AND app_id = :app_id
GROUP BY GROUPING SETS ((prompt_version, model), (prompt_version), ())
