-- One (day, app)'s evaluator verdicts counted per evaluator at every roll-up level; a rolled-up
-- key reads :all. Traces an evaluator gave no verdict are not trials.
SELECT
    evaluator,
    CASE WHEN GROUPING(prompt_version) = 1 THEN :all ELSE prompt_version END AS prompt_version,
    CASE WHEN GROUPING(model) = 1 THEN :all ELSE model END AS model,
    COUNT(*) AS n,
    SUM(CASE WHEN passed THEN 1 ELSE 0 END) AS successes
FROM llmqa_scores
WHERE day = :day AND app_id = :app_id AND passed IS NOT NULL
GROUP BY GROUPING SETS ((evaluator, prompt_version, model), (evaluator, prompt_version), (evaluator))
