-- Daily metrics of one app over a range of days, for trends and reference windows.
SELECT day, app_id, prompt_version, model, metric, n, value, ci_low, ci_high
FROM llmqa_daily_metrics
WHERE app_id = :app_id AND day >= :start AND day <= :end
