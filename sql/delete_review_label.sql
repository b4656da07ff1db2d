-- A label imported again replaces the earlier label of the same (app, trace, evaluator).
DELETE FROM llmqa_review_labels WHERE app_id = :app_id AND trace_id = :trace_id AND evaluator = :evaluator
