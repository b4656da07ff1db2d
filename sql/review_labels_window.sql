-- Human labels of one app's traces from days in [:start, :end], next to the evaluator's verdict.
SELECT l.day, l.trace_id, l.evaluator, l.human_passed, l.weight, s.passed
FROM llmqa_review_labels l
JOIN llmqa_scores s
  ON s.app_id = l.app_id AND s.day = l.day AND s.trace_id = l.trace_id AND s.evaluator = l.evaluator
WHERE l.app_id = :app_id AND l.day >= :start AND l.day <= :end AND s.passed IS NOT NULL
