-- The rows of one app-day (ts in [:start, :end)) whose trace_id occurs once that day, or is missing;
-- all of them when :whole_app, else those of one prompt version (:prompt_version NULL: those without one).
SELECT {columns}
FROM {traces}
WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end
  AND (:whole_app OR CAST({prompt_version} AS TEXT) IS NOT DISTINCT FROM :prompt_version)
  AND ({trace_id} IS NULL OR {trace_id} NOT IN (
    SELECT {trace_id} FROM {traces}
    WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end AND {trace_id} IS NOT NULL
    GROUP BY {trace_id}
    HAVING COUNT(*) > 1
  ))
