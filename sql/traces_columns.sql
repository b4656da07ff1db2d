-- No rows, only the column names of the traces table.
SELECT * FROM {traces} WHERE 1 = 0
