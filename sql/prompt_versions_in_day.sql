-- The prompt versions of one app-day (ts in [:start, :end)), as text; a missing version is one of them.
SELECT DISTINCT CAST({prompt_version} AS TEXT) AS prompt_version
FROM {traces}
WHERE {app_id} = :app_id AND {ts} >= :start AND {ts} < :end
ORDER BY 1 NULLS LAST
