// @ts-check
// The arguments of the autograder's commands: a mistake is said with the command's usage (exit code 2), --help prints it (0).
import { parseArgs } from "node:util";

/**
 * @template {NonNullable<import("node:util").ParseArgsConfig["options"]>} T
 * @param {string[] | undefined} args the command's arguments (undefined: the process's)
 * @param {T} options parseArgs's options, --help among them
 * @param {string} usage
 * @param {(positionals: string[]) => void} [checkPositionals] throws an Error saying what is wrong with them (after --help: asking for
 *   the usage needs no folder)
 * @returns {ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T }>> | number} the parsed arguments, or the exit code
 */
export function parseCommand(args, options, usage, checkPositionals = () => {}) {
  let parsed;
  try {
    parsed = parseArgs({ ...(args === undefined ? {} : { args }), allowPositionals: true, options });
    if (/** @type {{ help?: boolean }} */ (parsed.values).help) {
      console.log(usage);
      return 0;
    }
    checkPositionals(parsed.positionals);
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${usage}`);
    return 2;
  }
  return parsed;
}
