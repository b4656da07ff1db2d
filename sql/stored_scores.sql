-- The per-trace evaluator scores the evaluate stage stored for one (day, app).
SELECT trace_id, prompt_version, model, evaluator, score, passed, reason
FROM llmqa_scores WHERE day = :day AND app_id = :app_id
