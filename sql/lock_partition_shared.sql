-- PostgreSQL only: hold a shared lock on one (day, app) until the transaction ends, so the segments
-- of an app (its prompt versions) run side by side while a run of the whole app waits for them all.
SELECT pg_advisory_xact_lock_shared(hashtext(:partition))
