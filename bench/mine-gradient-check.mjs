// How often chapter 5's MINETrainer test refuses a loss by its gradient check, over draws of the
// check's seed, β and m as the test draws them: a right loss (m read as a number, held constant)
// and a wrong one (the gradient taken through m). Criterion "sum": the gap against the size of the
// reference gradient (before a723a1b); "parts": against the size of its two parts, −∇mean t and
// ∇mean e^{t'}/m (the test now).   node bench/mine-gradient-check.mjs [draws=1000] [sum|parts]
import * as nmi from "../lib/dist/index.js";

const { tf, Net, referenceMINELoss, referenceOutputGradients, initialNetWeights, courseData } = nmi;
const draws = Number(process.argv[2] ?? 1000);
const criterion = process.argv[3] ?? "parts";
await nmi.init();
const course = courseData({ seed: 0, n: 1000 });
const batch = { x: course.x.slice(0, 20), y: course.y.slice(0, 20), xRef: course.x.slice(20, 40), yRef: course.y.slice(20, 40) };
const randomInt = (low, high) => low + Math.floor(Math.random() * (high - low));

function refused(throughM, seed, average) {
  const weights = initialNetWeights({ seed, sigma: 0.3 });
  const expected = referenceMINELoss(weights, batch, average).gradients;
  const meanT = referenceOutputGradients(weights, batch.x, batch.y);
  const net = new Net({ seed, sigma: 0.3 });
  const [x, y, xRef, yRef] = [batch.x, batch.y, batch.xRef, batch.yRef].map((rows) => tf.tensor2d(rows));
  const loss = () => {
    const joint = tf.neg(tf.mean(net.forward(x, y)));
    const meanExp = tf.mean(tf.exp(net.forward(xRef, yRef)));
    const m = throughM ? tf.add(tf.mul(1 - average.beta, meanExp), average.beta * average.m) : (1 - average.beta) * meanExp.dataSync()[0] + average.beta * average.m;
    return tf.add(joint, tf.div(meanExp, m));
  };
  const got = tf.tidy(() => {
    const { grads } = tf.variableGrads(loss, net.variables);
    return net.variables.map((v) => grads[v.name].dataSync());
  });
  const refusedHere = expected.some((want, i) => {
    const gap = Math.max(...Array.from(want, (w, k) => Math.abs(got[i][k] - w)));
    const scale = Math.max(...Array.from(want, (w, k) => (criterion === "sum" ? Math.abs(w) : Math.abs(meanT[i][k]) + Math.abs(w + meanT[i][k]))));
    return !(gap <= 1e-4 * Math.max(scale, 1e-6));
  });
  net.dispose();
  for (const t of [x, y, xRef, yRef]) t.dispose();
  return refusedHere;
}

let right = 0;
let wrong = 0;
for (let draw = 0; draw < draws; draw++) {
  const seed = randomInt(0, 2 ** 32);
  const average = { beta: randomInt(1, 10) / 10, m: randomInt(2, 21) / 10 };
  if (refused(false, seed, average)) right += 1;
  if (refused(true, seed, average)) wrong += 1;
}
console.log(`criterion "${criterion}", ${draws} draws: a right loss refused ${right} times, a loss through m ${wrong} times`);
