-- How many rows of one (day, app) were set aside, by reason.
SELECT reason, COUNT(*) AS n FROM llmqa_quarantine WHERE day = :day AND app_id = :app_id
GROUP BY reason ORDER BY n DESC, reason
