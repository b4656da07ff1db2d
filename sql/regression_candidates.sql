-- One app-day's production failures: traces with ts in [:start, :end) that failed an evaluator
-- (llmqa_scores of :day) or got negative feedback (feedback_score <= 0).
SELECT t.trace_id, t.prompt_version, t.model, t.input, t.output, t.context, t.reference,
       f.n_failed, f.failed_evaluators, f.reasons, t.feedback_score, t.feedback_text
FROM (
    SELECT {columns} FROM {traces} WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end
) t
LEFT JOIN (
    SELECT trace_id, COUNT(*) AS n_failed,
           string_agg(evaluator, ',' ORDER BY evaluator) AS failed_evaluators,
           string_agg(evaluator || ': ' || COALESCE(reason, ''), '; ' ORDER BY evaluator) AS reasons
    FROM llmqa_scores
    WHERE day = :day AND app_id = :app_id AND passed = FALSE
    GROUP BY trace_id
) f ON f.trace_id = t.trace_id
WHERE f.trace_id IS NOT NULL OR CAST(t.feedback_score AS DOUBLE PRECISION) <= 0
