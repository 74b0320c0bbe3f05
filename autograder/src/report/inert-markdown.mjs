// @ts-check
// Text from a submission (an answer, an error message, a folder or file name) written into the
// grader's Markdown reports, made unable to open a tag or a link: these pages are opened in
// whatever viewer the instructor has, and one that renders raw HTML would run a submitted
// `<img onerror=…>` or follow a `[text](javascript:…)`. A space after each `<` that would open
// a tag, a comment or an autolink and each `]` that would start a link does it, as nbgrader's
// formgrader does here (autograder/src/nbgrader/inert_html.py); math and prose read the same.

// Bare web addresses are broken too (`https ://`, `www .`): GitHub, JupyterLab and mistune's url
// plugin make links of them, and a written answer's address of a formgrader action became one.
// Control characters but tab and line ends go as well: an answer holding a terminal's escapes
// moved the cursor up in `cat` or `less -R` and wrote a heading "## alice: 1 / 1" over the real
// "not graded yet", and hid text.

/**
 * What a line of a student's text may not hold, as a character class's inside: control characters,
 * line ends (CommonMark's and U+2028/2029) and bidirectional formatting characters (marks,
 * embeddings, overrides, isolates), which reorder what follows them on the line, so a name ending
 * in U+202E showed the line's real score reversed after it, and one built with isolates could move it.
 */
export const NOT_ON_ONE_LINE = String.raw`\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069`;
const LINE_BREAKERS = new RegExp(`[${NOT_ON_ONE_LINE}]+`, "g");

/** @param {string} text */
export const inert = (text) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]+/g, " ")
    .replace(/<(?=[A-Za-z/!?])/g, "< ")
    .replace(/\](?=[(:[])/g, "] ")
    // a space between a scheme and its "://"; the scheme is looked for back from each "://" only,
    // since a leading `([A-Za-z][A-Za-z0-9+.-]*):\/\/` tried every letter of a long word as a
    // scheme's start and read on to the word's end each time: a written answer of 80,000 letters took
    // 5 s to quote, one of a few megabytes hours, and `npm run autograde -- manual` stopped there
    .replace(/(?=:\/\/)(?<=[A-Za-z][A-Za-z0-9+.-]*)/g, " ")
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)} .`);

/**
 * The same on one line, for a heading, a list item or a table cell: CommonMark ends a line at \n,
 * \r or \r\n, so a name or message holding one could start a heading of its own ("## alice: 1")
 * under which an instructor would read another student's work; other control characters
 * (a terminal's escapes) and bidirectional controls go too.
 * @param {string} text
 */
export const inertLine = (text) => inert(text).replace(LINE_BREAKERS, " ");

/** Each line of `text` as a Markdown quote: every CommonMark line end counts. @param {string} text */
export const quotedLines = (text) => (text.trim() === "" ? "> (empty)" : text.trimEnd().split(/\r\n|\r|\n/).map((line) => `> ${line}`).join("\n"));
