-- The apps that logged traces in [:start, :end).
SELECT DISTINCT {app_id} AS app_id FROM {traces} WHERE {ts} >= :start AND {ts} < :end ORDER BY 1
