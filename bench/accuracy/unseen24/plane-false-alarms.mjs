// node bench/accuracy/unseen24/plane-false-alarms.mjs: the check for rows where a column is an exact affine function of several columns of
// the other side (lib/src/estimators/plane-rows.ts, inside partialCopyWarning), with offsets nearly parallel no longer counted, on the
// coverage tasks' data and every probe's sets up to this one (bench/accuracy/false-alarms.mjs)
import { reportFalseAlarms } from "../false-alarms.mjs";

await reportFalseAlarms({ warning: "affine function of the columns", lastProbe: 24 });
