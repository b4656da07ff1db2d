-- Claims that a delivery never recorded the outcome of: they may have been posted, so they are not resent.
UPDATE llmqa_alerts SET status = 'unconfirmed', last_error = :reason
WHERE status = 'sending'
RETURNING alert_key
