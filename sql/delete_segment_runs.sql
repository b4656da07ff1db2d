-- Remove the records of every evaluated segment of one (day, app), before evaluating it again.
DELETE FROM llmqa_runs WHERE day = :day AND app_id = :app_id AND stage LIKE 'evaluate[%'
