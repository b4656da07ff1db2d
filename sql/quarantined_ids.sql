-- Trace ids set aside on days [:start, :end]; reference windows leave them out. A later copy of a
-- duplicated id does not count against the id: its first copy was kept and evaluated.
SELECT DISTINCT trace_id FROM llmqa_quarantine
WHERE app_id = :app_id AND day >= :start AND day <= :end AND reason NOT LIKE '%duplicate trace_id%'
