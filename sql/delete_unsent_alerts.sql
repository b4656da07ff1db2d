-- A rerun replaces the alerts of (day, app) that have not been sent yet.
DELETE FROM llmqa_alerts WHERE day = :day AND app_id = :app_id AND status <> 'sent'
