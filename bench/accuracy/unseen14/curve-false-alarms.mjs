// node bench/accuracy/unseen14/curve-false-alarms.mjs: the check for rows on a thin curve
// (lib/src/estimators/curve-rows.ts, inside partialCopyWarning) on the coverage tasks' data
// and every probe's sets up to this one (bench/accuracy/false-alarms.mjs)
import { reportFalseAlarms } from "../false-alarms.mjs";

await reportFalseAlarms({ warning: "thin curve", lastProbe: 14 });
