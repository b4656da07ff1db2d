-- Claim one message's pending alerts before posting it; only the returned rows may be sent.
UPDATE llmqa_alerts SET status = 'sending'
WHERE day = :day AND app_id = :app_id AND channel = :channel AND status = 'pending'
RETURNING *
