-- The analyse stage owns the task.* rows of llmqa_daily_metrics for one (day, app).
DELETE FROM llmqa_daily_metrics WHERE day = :day AND app_id = :app_id AND metric LIKE 'task.%'
