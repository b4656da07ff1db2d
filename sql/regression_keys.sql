-- The inputs an app's regression set already holds from other days (a rerun of :day replaces its own).
SELECT DISTINCT input_key FROM {table} WHERE app_id = :app_id AND day <> :day
