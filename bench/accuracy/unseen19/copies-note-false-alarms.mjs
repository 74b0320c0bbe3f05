// node bench/accuracy/unseen19/copies-note-false-alarms.mjs: where the note on rows copied 2 or more times, some 10 or more (a
// bootstrap resample, oversampled rows; lib/src/estimators/duplicates.ts) fires on the coverage tasks' data and every probe's sets
// up to this one (bench/accuracy/false-alarms.mjs). The note changes no estimate and no verdict; this lists the data it names.
import { reportFalseAlarms } from "../false-alarms.mjs";
import { withoutDuplicatedRecords } from "neural-mi/dist/estimators/duplicates.js";

await reportFalseAlarms({ warning: "a bootstrap resample", lastProbe: Number(process.argv[2] ?? 19), check: (x, y) => withoutDuplicatedRecords(x, y).note });
