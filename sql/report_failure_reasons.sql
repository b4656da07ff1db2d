-- The :top reasons evaluators gave most often for failing traces, per prompt version and evaluator.
SELECT prompt_version, evaluator, reason, n
FROM (
    SELECT prompt_version, evaluator, reason, n,
           ROW_NUMBER() OVER (PARTITION BY prompt_version, evaluator ORDER BY n DESC, reason) AS reason_rank
    FROM (
        SELECT prompt_version, evaluator, SUBSTR(reason, 1, 120) AS reason, COUNT(*) AS n
        FROM llmqa_scores
        WHERE day = :day AND app_id = :app_id AND passed = FALSE
        GROUP BY prompt_version, evaluator, SUBSTR(reason, 1, 120)
    ) AS counted
) AS ranked
WHERE reason_rank <= :top
ORDER BY prompt_version, evaluator, n DESC, reason
