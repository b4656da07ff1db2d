-- The messages waiting to go out, oldest first: one per (day, app, channel); all days when :day is null.
SELECT DISTINCT day, app_id, channel
FROM llmqa_alerts
WHERE status = 'pending' AND (CAST(:day AS DATE) IS NULL OR day = CAST(:day AS DATE))
ORDER BY day, app_id, channel
