// The first thing each npm script runs (npm start, validate, test, instructor, hub): a Node.js too old
// for the course is named with its fix before any of the course's modules is read. Those use syntax
// an old Node.js cannot parse (top-level await, ??), and Ubuntu 22.04's own nodejs package is 12:
// `npm start` stopped at "SyntaxError: Unexpected reserved word", pointing into setup.mjs, and never
// reached the set-up's own check (./node.mjs). Written for any Node.js: CommonJS, ES5 syntax only.
"use strict";

var MIN_NODE_MAJOR = 18;

function tooOldMessage(version, execPath) {
  return (
    "setup: Node.js v" + version + " (" + execPath + ") is too old: this project needs Node.js " + MIN_NODE_MAJOR + " or newer\n" +
    "setup: to fix: install Node.js 20 LTS (from nodejs.org, or your package manager: Ubuntu 22.04's own nodejs package is 12, " +
    "so use nodejs.org's or NodeSource's; or `conda env create -f environment.yml`), make it the first node on your PATH " +
    "(`node --version`), and run the command again"
  );
}

module.exports = { MIN_NODE_MAJOR: MIN_NODE_MAJOR, tooOldMessage: tooOldMessage };

if (require.main === module) {
  var major = Number(String(process.versions.node).split(".")[0]);
  if (!(major >= MIN_NODE_MAJOR)) {
    console.error(tooOldMessage(process.versions.node, process.execPath));
    process.exit(1);
  }
}
