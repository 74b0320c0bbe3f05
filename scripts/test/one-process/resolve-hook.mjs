// Module resolution hook of a shared test process: `node:test`, imported by a test file or its
// helpers, resolves to node-test-scope.mjs (which itself imports the real one).
const scopeUrl = new URL("./node-test-scope.mjs", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "node:test" && context.parentURL !== scopeUrl) return { url: scopeUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
