// node bench/accuracy/unseen17/curve-false-alarms.mjs: the check for rows on a thin curve y = f(x) (lib/src/estimators/curve-rows.ts,
// inside partialCopyWarning), now on every column pair up to 400 (before, the first 16), on the coverage tasks' data and every
// probe's sets up to this one (bench/accuracy/false-alarms.mjs)
import { reportFalseAlarms } from "../false-alarms.mjs";

await reportFalseAlarms({ warning: "lies on a thin curve y = f(x)", lastProbe: Number(process.argv[2] ?? 17) });
