import assert from "node:assert/strict";

/** Asserts |actual − expected| ≤ tolerance, naming what was compared. */
export const close = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (tolerance ${tolerance})`);
