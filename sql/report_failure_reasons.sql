-- The reasons evaluators gave most often for failing traces, per prompt version.
SELECT prompt_version, evaluator, SUBSTR(reason, 1, 90) AS reason, COUNT(*) AS n
FROM llmqa_scores
WHERE day = :day AND app_id = :app_id AND passed = FALSE
GROUP BY prompt_version, evaluator, SUBSTR(reason, 1, 90)
ORDER BY prompt_version, evaluator, n DESC, reason
