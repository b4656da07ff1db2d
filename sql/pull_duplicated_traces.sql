-- The rows of one app-day (ts in [:start, :end)) whose trace_id occurs more than once that day,
-- each id's earliest copy first (the one validation keeps).
SELECT {columns}
FROM {traces}
WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end
  AND {trace_id} IN (
    SELECT {trace_id} FROM {traces}
    WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end AND {trace_id} IS NOT NULL
    GROUP BY {trace_id}
    HAVING COUNT(*) > 1
  )
ORDER BY {trace_id}, {ts}
