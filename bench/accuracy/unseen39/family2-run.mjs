// node bench/accuracy/unseen39/family2-run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the Dirichlet shares' family
// extended (family2.mjs) through the chosen methods (../run-probe.mjs says what each line holds).
import { FAMILY2 } from "./family2.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(FAMILY2, process.argv.slice(2));
