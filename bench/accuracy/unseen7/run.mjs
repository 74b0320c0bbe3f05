// node bench/accuracy/unseen7/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the seventh probe's
// sets through every method (../run-probe.mjs says what each line holds).
import { SETS, T_COPULA_SETS, SERIES_SETS, PAIRS_SETS, STRUCTURE_SETS, STORED_SETS } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...SETS, ...T_COPULA_SETS, ...SERIES_SETS, ...PAIRS_SETS, ...STRUCTURE_SETS, ...STORED_SETS], process.argv.slice(2));
