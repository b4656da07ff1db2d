-- The data-quality checks run on one (day, app).
SELECT * FROM llmqa_validation WHERE day = :day AND app_id = :app_id ORDER BY expectation, column_name
