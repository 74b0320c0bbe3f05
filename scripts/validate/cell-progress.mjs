// What validate says while a notebook runs: nothing for cells that end within a few seconds; for
// a cell still running, which chapter and cell it is and for how long, every `everySeconds`
// (NEURAL_MI_VALIDATE_PROGRESS_SECONDS, 30 s by default), so that a long training or a loop
// that never ends is not taken for validate hanging. Fed by checkNotebook's onCell.
import { formatDuration } from "../../autograder/src/util/progress.mjs";

export const DEFAULT_PROGRESS_SECONDS = 30;

/** The seconds between lines from NEURAL_MI_VALIDATE_PROGRESS_SECONDS, or the default for a value that is not a positive number. */
export function progressSeconds(env = process.env) {
  const value = Number(env.NEURAL_MI_VALIDATE_PROGRESS_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_PROGRESS_SECONDS;
}

/**
 * An onCell for checkNotebook that tells `say` (a line) about a cell running past `everySeconds`.
 * Call stop() once the notebook has run.
 */
export function cellProgress(chapter, { everySeconds = progressSeconds(), say = console.log } = {}) {
  let timer;
  const stop = () => clearInterval(timer);
  const onCell = ({ kind, number, firstLine, limit, status }) => {
    stop();
    if (kind === "end" && status === "timeout") {
      say(
        `validate: ${chapter}: cell ${number} (${JSON.stringify(firstLine)}) ran past its time limit of ${formatDuration(limit)} and was interrupted; ` +
          "the cells after it run now. Look in it for a loop that never ends (or a training far too long), and run the chapter in JupyterLab (npm start) to watch that cell",
      );
    }
    if (kind !== "start") return;
    const began = Date.now();
    timer = setInterval(() => {
      const seconds = (Date.now() - began) / 1000;
      say(
        `validate: ${chapter}: cell ${number} (${JSON.stringify(firstLine)}) still running after ${formatDuration(seconds)} ` +
          `(its time limit: ${formatDuration(limit)}, then it is interrupted)`,
      );
    }, everySeconds * 1000);
    timer.unref?.();
  };
  return { onCell, stop };
}
