-- Remove what an earlier run wrote for one (day, app) before writing it again.
DELETE FROM {table} WHERE day = :day AND app_id = :app_id
