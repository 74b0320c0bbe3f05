// The errors of a test cell leave the kernel without the hidden-test code they quote. A
// TypeScript diagnostic quotes the line it is about, and a submission chooses the types a hidden
// line is checked against (an answer taking a parameter of type `3` made the hidden call
// `square(-2)` fail to compile, its diagnostic quoting the line). The graders hide such lines in the
// test cell's outputs (autograder/src/grade/hide-hidden-tests.mjs, nbgrader_feedback.py, the same
// rule), but the kernel publishes every output on IOPub, to any subscriber, and a cell can be one:
// zeromq connects in its native code, out of the permission model's sight, with no key. Its next
// cell printed the hidden line into its own output and feedback. So the error is hidden here, before
// tslab publishes it and replies with it: a diagnostic about a hidden line keeps only its place, and
// a traceback line quoting a hidden line goes. The error's name and message otherwise stay. The
// graders' hiding of hidden tests in the outputs they keep (autograder/src/grade/hide-hidden-tests.mjs)
// is this same function.
"use strict";

const BEGIN = "BEGIN HIDDEN TESTS";
const END = "END HIDDEN TESTS";
const HIDDEN_DIAGNOSTIC =
  "the hidden tests do not compile with this notebook's code (not shown): check that each answer's types are as the exercise gives them";
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
// Lines this short ("}", "return x;") quote nothing worth hiding and occur everywhere.
const MIN_QUOTED = 12;
// tslab's line of a diagnostic: "<line>:<column> - <message>", after a file name when it is about
// another file; its chained messages and the quoted line follow, indented.
const DIAGNOSTIC = /^(\S+ )?(\d+):(\d+) - /;

/** The hidden lines of `code` long enough to be quoted, and their numbers (1-based). */
function hiddenRegions(code) {
  const quoted = [];
  const numbers = new Set();
  let inside = false;
  code.split("\n").forEach((line, index) => {
    if (line.includes(BEGIN)) inside = true;
    else if (line.includes(END)) inside = false;
    else if (inside) {
      numbers.add(index + 1);
      if (line.trim().length >= MIN_QUOTED) quoted.push(line.trim());
    }
  });
  return { quoted, numbers };
}

/** `lines` with each diagnostic about a hidden line reduced to its place, the lines under it dropped. */
function withoutHiddenDiagnostics(lines, numbers) {
  const kept = [];
  let hiding = false;
  for (const line of lines) {
    const diagnostic = DIAGNOSTIC.exec(line.replace(ANSI, ""));
    if (diagnostic) {
      hiding = !diagnostic[1] && numbers.has(Number(diagnostic[2]));
      kept.push(hiding ? `${diagnostic[2]}:${diagnostic[3]} - ${HIDDEN_DIAGNOSTIC}` : line);
    } else if (!hiding) {
      kept.push(line);
    }
  }
  return kept;
}

/** The error fields (`ename`, `evalue`, `traceback`) of a reply to `code`, without its hidden code. */
function withoutHiddenCode(code, { ename, evalue, traceback }) {
  const { quoted, numbers } = hiddenRegions(code);
  let lines = Array.isArray(traceback) ? traceback.map(String) : [];
  let message = evalue;
  if (ename === "TypeScriptError") {
    if (typeof message === "string") message = withoutHiddenDiagnostics(message.split("\n"), numbers).join("\n");
    lines = withoutHiddenDiagnostics(lines, numbers);
  }
  lines = lines.filter((line) => {
    const plain = line.replace(ANSI, "");
    return !quoted.some((hidden) => plain.includes(hidden));
  });
  return { evalue: message, traceback: lines };
}

/** Wraps tslab's JupyterHandlerImpl.prototype.handleExecute, whose reply is both the `error` output and the execute_reply. */
function hideHiddenCodeInErrors(JupyterHandlerImpl) {
  const handleExecute = JupyterHandlerImpl.prototype.handleExecute;
  JupyterHandlerImpl.prototype.handleExecute = async function handleExecuteHidingHiddenCode(request, ...rest) {
    const reply = await handleExecute.call(this, request, ...rest);
    const code = request && typeof request.code === "string" ? request.code : "";
    if (reply && reply.status === "error" && code.includes(BEGIN)) {
      try {
        Object.assign(reply, withoutHiddenCode(code, reply));
      } catch {
        // nothing of the error that could quote the cell
        Object.assign(reply, { evalue: "", traceback: [String(reply.ename)] });
      }
    }
    return reply;
  };
}

module.exports = { BEGIN, END, HIDDEN_DIAGNOSTIC, MIN_QUOTED, hideHiddenCodeInErrors, withoutHiddenCode };
