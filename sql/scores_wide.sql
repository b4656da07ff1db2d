-- Stored evaluator verdicts of one app over days [:start, :end], one row per trace, pivoted here in the
-- warehouse: {columns} holds, per evaluator name bound as a parameter, MAX(CASE WHEN evaluator = <name>
-- THEN score END) AS "<evaluator>_score" and the same BOOL_OR over passed AS "<evaluator>_passed".
SELECT trace_id, {columns}
FROM llmqa_scores
WHERE app_id = :app_id AND day >= :start AND day <= :end
GROUP BY trace_id
