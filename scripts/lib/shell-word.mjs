// @ts-check

/**
 * `text` as one word of the shell npm runs scripts with: sh, where double quotes still expand `$` and
 * backquotes (a course in a folder named with a `$` ran another path), or cmd.exe on Windows.
 * @param {string} text
 */
export const shellWord = (text) => (process.platform === "win32" ? JSON.stringify(text) : `'${text.replaceAll("'", `'\\''`)}'`);
