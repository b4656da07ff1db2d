-- The evaluators with stored scores for one app over days [:start, :end].
SELECT DISTINCT evaluator FROM llmqa_scores WHERE app_id = :app_id AND day >= :start AND day <= :end
