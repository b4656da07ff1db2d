-- What one analysis stored for one (day, app), for the report.
SELECT * FROM {table} WHERE day = :day AND app_id = :app_id
