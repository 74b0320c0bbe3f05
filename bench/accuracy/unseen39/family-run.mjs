// node bench/accuracy/unseen39/family-run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the Dirichlet shares' family
// (family.mjs) through the chosen methods (../run-probe.mjs says what each line holds).
import { FAMILY } from "./family.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(FAMILY, process.argv.slice(2));
