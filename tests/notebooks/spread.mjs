#!/usr/bin/env node
// Measures the spread over seeds of the estimate that chapter 5's MINETrainer test checks,
// from which its tolerance is derived (the test's comment and metadata quote the result):
//
//   node tests/notebooks/spread.mjs [seeds] [epochs] [path]   (default 10 seeds, 100 epochs, tfjs)
//
// For seeds 0..seeds-1 it trains the library's MINETrainer on the course data with
// Net({ seed }) and { seed }, as the test does with seed 0, on the TensorFlow.js path (the
// path a student's subclass with its own loss takes; path "fused" for the fused kernel),
// and prints the deviation from the
// ground truth of each, their mean and standard deviation, and mean + 3 standard deviations.
// Not part of the test run: it trains for minutes.
import { init, courseData, MINETrainer, Net } from "neural-mi";

const seeds = Number(process.argv[2] ?? 10);
const epochs = Number(process.argv[3] ?? 100);
const path = process.argv[4] ?? "tfjs";
if (path !== "tfjs" && path !== "fused") throw new Error(`spread.mjs: path must be "tfjs" or "fused", got ${path}`);

await init();
const data = courseData({ seed: 0, n: 1000 });
const deviations = [];
for (let seed = 0; seed < seeds; seed++) {
  const trainer = new MINETrainer(data.x, data.y, new Net({ seed }), { seed, fused: path === "fused" });
  const estimate = trainer.step(epochs);
  trainer.dispose();
  deviations.push(estimate - data.groundTruth);
  console.log(`seed ${seed}: estimate ${estimate.toFixed(4)}, deviation ${(estimate - data.groundTruth).toFixed(4)} nats`);
}
const mean = deviations.reduce((a, b) => a + b, 0) / deviations.length;
const sd = Math.sqrt(deviations.reduce((a, d) => a + (d - mean) ** 2, 0) / (deviations.length - 1));
const largest = Math.max(...deviations.map(Math.abs));
console.log(`ground truth ${data.groundTruth.toFixed(4)} nats; ${epochs} epochs, ${seeds} seeds, ${path} path`);
console.log(`mean deviation ${mean.toFixed(3)}, standard deviation ${sd.toFixed(3)}, largest |deviation| ${largest.toFixed(3)}`);
console.log(`|mean| + 3 sd = ${(Math.abs(mean) + 3 * sd).toFixed(3)} nats`);
