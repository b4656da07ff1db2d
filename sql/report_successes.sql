-- Traces of one (day, app) that no evaluator failed, per prompt version and model.
SELECT prompt_version, model, COUNT(*) AS n
FROM (
    SELECT trace_id, prompt_version, model
    FROM llmqa_scores
    WHERE day = :day AND app_id = :app_id
    GROUP BY trace_id, prompt_version, model
    HAVING SUM(CASE WHEN passed = FALSE THEN 1 ELSE 0 END) = 0
) AS clean
GROUP BY prompt_version, model
