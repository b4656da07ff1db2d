-- A rerun of one stage replaces its earlier record for (day, app).
DELETE FROM llmqa_runs WHERE day = :day AND app_id = :app_id AND stage = :stage
