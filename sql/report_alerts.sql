-- The alerts recorded for one (day, app).
SELECT * FROM llmqa_alerts WHERE day = :day AND app_id = :app_id ORDER BY prompt_version, severity, rule
