-- The records of one (day, app)'s evaluated segments, which the app-day's summary merges.
SELECT stage, n_in, n_out, detail FROM llmqa_runs
WHERE day = :day AND app_id = :app_id AND stage LIKE 'evaluate[%'
