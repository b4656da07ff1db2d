-- Stored evaluator verdicts of one app over days [:start, :end], for reference windows.
SELECT trace_id, evaluator, score, passed
FROM llmqa_scores
WHERE app_id = :app_id AND day >= :start AND day <= :end
