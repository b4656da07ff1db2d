-- Remove the traces in [:start, :end) so that seeding the same days again replaces them.
DELETE FROM {traces} WHERE {ts} >= :start AND {ts} < :end
