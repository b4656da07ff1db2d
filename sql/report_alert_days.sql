-- The days in [:start, :end] on which a metric of one app raised an alert, for marking trend plots.
SELECT DISTINCT day, prompt_version, metric, severity
FROM llmqa_alerts
WHERE app_id = :app_id AND day >= :start AND day <= :end AND status <> 'not_enough_data'
