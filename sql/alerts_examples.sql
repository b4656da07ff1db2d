-- The two worst traces of each prompt version of one app-day: already redacted excerpts, for evidence.
SELECT prompt_version, model, rank, failed, reasons, input_excerpt, output_excerpt
FROM llmqa_examples
WHERE day = :day AND app_id = :app_id AND rank <= 2
ORDER BY prompt_version, rank
