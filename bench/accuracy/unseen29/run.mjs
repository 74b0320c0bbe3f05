// node bench/accuracy/unseen29/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the twenty-ninth probe's sets through
// every method; the method "estimateMI" is a careless user's call, estimateMI(x, y) with no options (../run-probe.mjs says
// what each line holds).
import { SETS } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(SETS, process.argv.slice(2));
