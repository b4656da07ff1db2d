-- The ranked worst traces of one (day, app).
SELECT * FROM llmqa_examples WHERE day = :day AND app_id = :app_id ORDER BY prompt_version, rank
