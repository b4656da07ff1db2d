-- How many traces of one (day, app) were pulled, and how many of them went on to evaluation.
SELECT n_in AS pulled, n_out AS evaluated FROM llmqa_runs
WHERE day = :day AND app_id = :app_id AND stage = 'evaluate'
