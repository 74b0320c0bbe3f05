// Waiting for a process to end, with a time limit that holds nothing open once the wait is over.

/**
 * Whether `exited` (a promise of a process's end) settles within `ms`. The timer is cleared either way:
 * left running, it held the test file's process for the rest of its time after the server had ended.
 * @param {Promise<unknown>} exited @param {number} ms
 */
export async function exitsWithin(exited, ms) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([exited.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
