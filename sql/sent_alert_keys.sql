-- Alerts of one (day, app) that went out (or may have) and must never be sent again.
SELECT alert_key FROM llmqa_alerts WHERE day = :day AND app_id = :app_id AND status IN ('sent', 'sending', 'unconfirmed')
