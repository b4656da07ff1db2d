-- The outbox of one day, for `llmqa alerts list`.
SELECT * FROM llmqa_alerts WHERE day = :day ORDER BY app_id, prompt_version, kind, severity DESC, rule
