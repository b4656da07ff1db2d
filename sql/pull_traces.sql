-- One app's traces for one day: ts in [:start, :end).
SELECT {columns}
FROM {traces}
WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end
