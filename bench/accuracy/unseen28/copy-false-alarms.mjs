// node bench/accuracy/unseen28/copy-false-alarms.mjs: the near-copy check on absolute gaps (lib/src/estimators/partial-copies.ts,
// inside partialCopyWarning, beside the relative gaps) on the coverage tasks' data and every probe's sets up to this one
// (bench/accuracy/false-alarms.mjs)
import { reportFalseAlarms } from "../false-alarms.mjs";

await reportFalseAlarms({ warning: "in their units", lastProbe: Number(process.argv[2] ?? 28) });
