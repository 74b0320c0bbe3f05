// node bench/accuracy/unseen17/surface-false-alarms.mjs: the check for rows on a thin smooth surface v = f(columns of the other side)
// (lib/src/estimators/surface-rows.ts, inside partialCopyWarning) on the coverage tasks' data and every probe's sets
// up to this one (bench/accuracy/false-alarms.mjs)
import { reportFalseAlarms } from "../false-alarms.mjs";

await reportFalseAlarms({ warning: "thin smooth surface", lastProbe: Number(process.argv[2] ?? 17) });
