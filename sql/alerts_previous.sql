-- The conditions of one app that fired on a day (for repeat suppression and recovery the day after).
SELECT prompt_version, subject, severity, notified_on
FROM llmqa_alerts
WHERE day = :day AND app_id = :app_id AND kind = 'alert' AND status <> 'not_enough_data'
