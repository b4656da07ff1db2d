-- The whole regression set, in a stable order, for the Parquet copy.
SELECT * FROM {table} ORDER BY app_id, day, input_key
