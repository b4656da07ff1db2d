-- A rerun replaces the alerts of (day, app) that cannot have reached a channel yet.
DELETE FROM llmqa_alerts WHERE day = :day AND app_id = :app_id AND status NOT IN ('sent', 'sending', 'unconfirmed')
