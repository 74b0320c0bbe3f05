// One call's class: right, untrusted, refused, SILENTLY WRONG, crash/unclear, nan.
export const CLASSES = ["right", "untrusted", "refused", "silently-wrong", "crash", "nan"];

/** truth in nats; result in `unit`. */
export function classifyResult(result, truthNats, unit = "nats") {
  const truth = unit === "bits" ? truthNats / Math.LN2 : truthNats;
  const { estimate, interval, trusted } = result;
  if (!Number.isFinite(estimate) || (interval && (Number.isNaN(interval[0]) || Number.isNaN(interval[1]) || !Number.isFinite(interval[0])))) return "nan";
  if (trusted === false) return (result.warnings ?? []).length > 0 ? "untrusted" : "crash";
  if (!interval) return "right"; // a trainer's bare estimate: no claim of an interval
  return interval[0] <= truth && truth <= interval[1] ? "right" : "silently-wrong";
}

/** A thrown error is a refusal when it is the library's (names the problem) and not an internal TypeError. */
export function classifyError(error) {
  const message = String(error?.message ?? error);
  return /^neural-mi:/.test(message) && !(error instanceof TypeError) ? "refused" : "crash";
}
