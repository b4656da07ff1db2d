-- Whether the evaluate stage has run for (:day, :app_id): without it only negative feedback counts as failure.
SELECT COUNT(*) AS n FROM llmqa_runs WHERE day = :day AND app_id = :app_id AND stage = 'evaluate'
