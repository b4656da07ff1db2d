-- The drift verdicts of one app-day that drift rules read.
SELECT prompt_version, comparison, feature, test, effect_size, threshold, p_adjusted, verdict, n_current, detail
FROM llmqa_drift
WHERE day = :day AND app_id = :app_id
ORDER BY prompt_version, feature, test, comparison
