-- Traces of one (day, app) that an evaluator gave no score (not applicable, or its judge failed),
-- per prompt version and evaluator, with the reason given most often.
SELECT prompt_version, evaluator, reason, total AS n
FROM (
    SELECT prompt_version, evaluator, reason, SUM(n) OVER (PARTITION BY prompt_version, evaluator) AS total,
           ROW_NUMBER() OVER (PARTITION BY prompt_version, evaluator ORDER BY n DESC, reason) AS reason_rank
    FROM (
        SELECT prompt_version, evaluator, SUBSTR(reason, 1, 120) AS reason, COUNT(*) AS n
        FROM llmqa_scores
        WHERE day = :day AND app_id = :app_id AND score IS NULL
        GROUP BY prompt_version, evaluator, SUBSTR(reason, 1, 120)
    ) AS counted
) AS ranked
WHERE reason_rank = 1
ORDER BY prompt_version, evaluator
