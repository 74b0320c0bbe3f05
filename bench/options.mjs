// The benchmarks' command lines: parseArgs's values, --help printing the usage; counts as positive integers.
import { parseArgs } from "node:util";

/** parseArgs's values for `options` (--help among them); --help prints `usage` and ends the process. */
export function benchOptions(options, usage) {
  const { values } = parseArgs({ options });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** The option `name` of `values` as a positive integer, `fallback` where it is not given; an Error otherwise. */
export function positiveInteger(values, name, fallback) {
  if (values[name] === undefined) return fallback;
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${values[name]}"`);
  return n;
}
