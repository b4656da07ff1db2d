-- Remove what an earlier run wrote for one prompt version of (day, app) before writing it again.
DELETE FROM {table} WHERE day = :day AND app_id = :app_id AND prompt_version IS NOT DISTINCT FROM :prompt_version
