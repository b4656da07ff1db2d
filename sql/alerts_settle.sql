-- Record a delivery's outcome on the alerts it carried: sent, or back to pending with the error.
UPDATE llmqa_alerts
SET status = :status, attempts = attempts + :tries, last_error = :last_error,
    sent_at = CASE WHEN :status = 'sent' THEN CURRENT_TIMESTAMP AT TIME ZONE 'UTC' END
WHERE alert_key IN :keys
