-- PostgreSQL only: hold a lock on one (day, app) until the transaction ends, so two runs of the
-- same partition take turns instead of both deleting nothing and both inserting.
SELECT pg_advisory_xact_lock(hashtext(:partition))
