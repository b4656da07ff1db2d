-- The evaluate stage owns every llmqa_daily_metrics row of one (day, app) except the analyse stage's task.* rows.
DELETE FROM llmqa_daily_metrics WHERE day = :day AND app_id = :app_id AND metric NOT LIKE 'task.%'
