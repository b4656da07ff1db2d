-- Drift and A/B test results of one (day, app).
SELECT prompt_version, comparison, feature, test, statistic, p_value, p_adjusted, effect_size,
       threshold, verdict, n_reference, n_current, detail
FROM llmqa_drift
WHERE day = :day AND app_id = :app_id
