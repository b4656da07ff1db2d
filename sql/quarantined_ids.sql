-- Trace ids set aside on days [:start, :end]; reference windows leave them out.
SELECT DISTINCT trace_id FROM llmqa_quarantine WHERE app_id = :app_id AND day >= :start AND day <= :end
