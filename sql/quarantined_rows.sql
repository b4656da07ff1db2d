-- Rows set aside on days [:start, :end], as stored: valid_traces leaves exactly these copies out.
SELECT trace_id, row_json FROM llmqa_quarantine WHERE app_id = :app_id AND day >= :start AND day <= :end
