-- One app's traces with ts in [:start, :end) whose trace_id validation set aside a copy of
-- on days [:first, :last]: the rows to match, in full, against the stored quarantine.
SELECT {columns}
FROM {traces}
WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end
  AND CAST({trace_id} AS TEXT) IN (
    SELECT trace_id FROM llmqa_quarantine WHERE app_id = :app_id AND day >= :first AND day <= :last
  )
