// @ts-check
// Text from a submission (an answer, an error message, a folder or file name) written into the
// grader's Markdown reports, made unable to open a tag or a link: these pages are opened in
// whatever viewer the instructor has, and one that renders raw HTML would run a submitted
// `<img onerror=…>` or follow a `[text](javascript:…)`. A space after each `<` that would open
// a tag, a comment or an autolink and each `]` that would start a link does it, as nbgrader's
// formgrader does here (autograder/src/nbgrader/inert_html.py); math and prose read the same.

/** @param {string} text */
export const inert = (text) => text.replace(/<(?=[A-Za-z/!?])/g, "< ").replace(/\](?=[(:[])/g, "] ");
