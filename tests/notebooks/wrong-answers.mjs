// Wrong but plausible answers to each code exercise: each replaces the exercise's
// BEGIN/END SOLUTION region, and the exercise's test cell must then fail. Among them,
// answers that hand the work to the library's implementation the test compares with:
// the test runs the answer with that implementation refusing to be called. (The
// shortest forms, `super.forward(x, y)` and `super.loss(...)`, do not even compile: the
// exercises' base classes have no forward and no loss; tests/autograder/forgeries
// grades them.)
// `message`, where given, is what the test's error must say: answers on the way to a right one
// (a layer's bias left out, a number or a Promise returned) must be told their real problem;
// `stderr`, what the answer's own code makes TensorFlow.js write there (else nothing may be written).
// the two means of MINE's loss, as the answers below start
const PREFIX = "const L = tf.neg(tf.mean(this.net.forward(x, y)));\nconst L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));\n";

export const wrongAnswers = {
  sampling: [
    {
      why: "uses the correlated covariance of the data",
      code: "return rng.multivariateNormal([0, 0], [[1, 0.9], [0.9, 1]], nRef);",
    },
    {
      why: "ignores the seeded generator",
      code: "const fresh = new Rng(Math.floor(Math.random() * 1e9));\nreturn fresh.multivariateNormal([0, 0], [[1, 0], [0, 1]], nRef);",
    },
    {
      why: "each value a sum of twelve uniforms less six (mean 0 and variance 1, not normal)",
      code: "const g = () => { let s = -6; for (let k = 0; k < 12; k++) s += rng.uniform(); return s; };\nreturn Array.from({ length: nRef }, () => [g(), g()]);",
    },
    {
      why: "returns one column instead of pairs",
      code: "return rng.normals(nRef).map((v) => [v]);",
    },
    {
      why: "a generator of its own, a new seed for every size asked, its rows kept for the next call",
      code:
        "const memo = referenceSamples as unknown as { n?: number; rows?: number[][]; seed?: number };\n" +
        "if (memo.n === nRef && memo.rows) return memo.rows;\nmemo.seed = (memo.seed ?? 12345) + 1;\nmemo.n = nRef;\n" +
        "memo.rows = new Rng(memo.seed).multivariateNormal([0, 0], [[1, 0], [0, 1]], nRef);\nreturn memo.rows;",
    },
    {
      why: "drawn from Math.random, the rows kept by the generator's state (a seed gives its rows again)",
      code:
        "const memo = referenceSamples as unknown as { seen?: Map<string, number[][]> };\nmemo.seen ??= new Map();\n" +
        'const key = JSON.stringify(rng) + ":" + nRef;\nconst kept = memo.seen.get(key);\nif (kept) return kept;\n' +
        "const normal = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());\n" +
        "const rows = Array.from({ length: nRef }, () => [normal(), normal()]);\nmemo.seen.set(key, rows);\nreturn rows;",
    },
    {
      why: "drawn from Math.random, the rows kept by the generator's first draw",
      code:
        "const memo = referenceSamples as unknown as { seen?: Map<string, number[][]> };\nmemo.seen ??= new Map();\n" +
        'const key = rng.nextUint32() + ":" + nRef;\nconst kept = memo.seen.get(key);\nif (kept) return kept;\n' +
        "const normal = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());\n" +
        "const rows = Array.from({ length: nRef }, () => [normal(), normal()]);\nmemo.seen.set(key, rows);\nreturn rows;",
    },
    {
      why: "rows of a pool of its own, at an offset drawn from rng",
      code:
        "const pool = new Rng(99).multivariateNormal([0, 0], [[1, 0], [0, 1]], 65536);\n" +
        "const start = Math.floor(rng.uniform() * 65536);\nreturn Array.from({ length: nRef }, (_, i) => pool[(start + i) % 65536]);",
    },
    {
      why: "antithetic rows: half of them drawn, the other half their negatives (mean, variance, cells and kurtosis as drawn)",
      code:
        "const half = rng.multivariateNormal([0, 0], [[1, 0], [0, 1]], Math.ceil(nRef / 2));\n" +
        "return Array.from({ length: nRef }, (_, i) => (i < half.length ? half[i] : half[i - half.length].map((v) => -v)));",
    },
    {
      why: "normals cut to |z| <= 3.5 by drawing again (excess kurtosis -0.06, at the kurtosis check's bound)",
      code: "const g = (): number => { for (;;) { const z = rng.normal(); if (Math.abs(z) <= 3.5) return z; } };\nreturn Array.from({ length: nRef }, () => [g(), g()]);",
    },
    {
      why: "the samples as a tensor",
      code: "return tf.tensor2d(rng.multivariateNormal([0, 0], [[1, 0], [0, 1]], nRef)) as unknown as number[][];",
      message: /got an object that is not an array \(a tensor\? return arrays of numbers\)/,
    },
    {
      why: "the two columns returned, not the rows",
      code: "return [rng.normals(nRef), rng.normals(nRef)];",
      message: /got 2 rows \(the two columns\? each row is one sample/,
    },
    {
      why: "a Promise of the samples (an async function)",
      code: "return Promise.resolve(rng.multivariateNormal([0, 0], [[1, 0], [0, 1]], nRef)) as unknown as number[][];",
      message: /got a Promise: referenceSamples must not be async/,
    },
  ],
  ground_truth: [
    { why: "in bits instead of nats", code: "return -0.5 * Math.log2(1 - rho * rho);" },
    { why: "without the factor 1/2", code: "return -Math.log(1 - rho * rho);" },
    { why: "log(1 - rho) instead of log(1 - rho^2)", code: "return -0.5 * Math.log(1 - rho);" },
    { why: "the library's gaussianMI instead of the formula", code: 'return require("neural-mi").gaussianMI(rho);' },
    {
      why: "a tensor returned",
      code: "return tf.scalar(-0.5 * Math.log(1 - rho * rho)) as unknown as number;",
      message: /returned a value of type object, not a number/,
    },
    {
      why: "a Promise returned (an async function)",
      code: "return Promise.resolve(-0.5 * Math.log(1 - rho * rho)) as unknown as number;",
      message: /returned a Promise, not a number: groundTruth must not be async/,
    },
    { why: "rho ^ 2, a bitwise XOR", code: "return -0.5 * Math.log(1 - (rho ^ 2));", message: /\^ is a bitwise XOR/ },
    { why: "rounded to 4 decimals", code: "return Number((-0.5 * Math.log(1 - rho * rho)).toFixed(4));", message: /return the value itself, not rounded/ },
  ],
  resample: [
    {
      why: "without replacement",
      code: "const xRef = resample(x, nRef, { rng });\nconst yRef = resample(y, nRef, { rng });\nreturn sideBySide(xRef, yRef);",
    },
    {
      why: "one index for x and y, which keeps the pairs",
      code: "return resample(sideBySide(x, y), nRef, { replace: true, rng });",
    },
    {
      why: "x and y from two generators with the same seed (the same indices)",
      code:
        "const seed = 7;\nconst xRef = resample(x, nRef, { replace: true, rng: new Rng(seed) });\n" +
        "const yRef = resample(y, nRef, { replace: true, rng: new Rng(seed) });\nreturn sideBySide(xRef, yRef);",
    },
    {
      why: "a generator of its own, the same seed every call, not the one given",
      code:
        "const mine = new Rng(12345);\nconst xRef = resample(x, nRef, { replace: true, rng: mine });\n" +
        "const yRef = resample(y, nRef, { replace: true, rng: mine });\nreturn sideBySide(xRef, yRef);",
    },
    {
      why: "x resampled, y taken in order (never drawn)",
      code: "const xRef = resample(x, nRef, { replace: true, rng });\nreturn xRef.map((row, k) => [...row, ...y[k % y.length]]);",
    },
    {
      why: "each column drawn without replacement from an urn holding every row twice, refilled when empty",
      code:
        "const urn = (rows: number[][]) => {\n  const out: number[][] = [];\n  while (out.length < nRef) out.push(...resample([...rows, ...rows], 2 * rows.length, { rng }));\n  return out.slice(0, nRef);\n};\n" +
        "return sideBySide(urn(x), urn(y));",
    },
    {
      why: "rows drawn with Math.random, kept by the generator's state (a seed gives its rows again)",
      code:
        "const memo = resampleReference as unknown as { seen?: Map<string, number[][]> };\nmemo.seen ??= new Map();\n" +
        'const key = JSON.stringify(rng) + ":" + nRef + ":" + x.length;\nconst kept = memo.seen.get(key);\nif (kept) return kept;\n' +
        "const pick = (rows: number[][]) => rows[Math.floor(Math.random() * rows.length)];\n" +
        "const out = Array.from({ length: nRef }, () => [...pick(x), ...pick(y)]);\nmemo.seen.set(key, out);\nreturn out;",
    },
    {
      why: "rows cut to their first coordinate (right on one-column data only)",
      code: "return Array.from({ length: nRef }, () => [x[rng.integer(0, x.length)][0], y[rng.integer(0, y.length)][0]]);",
    },
    {
      why: "each coordinate of a row drawn from another row",
      code:
        "const draw = (rows: number[][]) => Array.from({ length: nRef }, () => rows[0].map((_, c) => rows[rng.integer(0, rows.length)][c]));\n" +
        "return sideBySide(draw(x), draw(y));",
    },
    {
      why: "the rows of y chosen by the indices drawn for x, shuffled",
      code:
        "const ix = Array.from({ length: nRef }, () => rng.integer(0, x.length));\nconst iy = rng.permutation(nRef).map((k) => ix[k]);\n" +
        "return ix.map((i, k) => [...x[i], ...y[iy[k]]]);",
    },
    {
      why: "y drawn once for every two rows, each twice in a row",
      code:
        "const xRef = resample(x, nRef, { replace: true, rng });\nconst half = resample(y, Math.ceil(nRef / 2), { replace: true, rng });\n" +
        "return xRef.map((row, k) => [...row, ...half[Math.floor(k / 2)]]);",
    },
    {
      why: "with replacement only from n' = n on, without below n (the test's other sizes were n or more)",
      code: "const replace = nRef >= x.length;\nreturn sideBySide(resample(x, nRef, { replace, rng }), resample(y, nRef, { replace, rng }));",
    },
    {
      why: "indices drawn over n' rows and folded by % n (uniform when n' is a multiple of n, as the test's other sizes were)",
      code: "return Array.from({ length: nRef }, () => [...x[rng.integer(0, nRef) % x.length], ...y[rng.integer(0, nRef) % y.length]]);",
    },
    {
      why: "the rows as a tensor",
      code: "return tf.concat([tf.tensor2d(resample(x, nRef, { replace: true, rng })), tf.tensor2d(resample(y, nRef, { replace: true, rng }))], 1) as unknown as number[][];",
      message: /got an object that is not an array \(a tensor\?/,
    },
    {
      why: "x' and y' returned as two arrays, not as rows",
      code: "return [resample(x, nRef, { replace: true, rng }), resample(y, nRef, { replace: true, rng })] as unknown as number[][];",
      message: /got 2 rows \(the two columns\? each row is one sample/,
    },
  ],
  "MINE-Net": [
    {
      why: "ReLU instead of ELU",
      code:
        "const a1 = tf.relu(this.fc1.apply(tf.concat([x, y], 1)));\nconst a2 = tf.relu(this.fc2.apply(a1));\nreturn this.fc3.apply(a2);",
    },
    {
      why: "inputs in the order [y, x]",
      code:
        "const a1 = tf.elu(this.fc1.apply(tf.concat([y, x], 1)));\nconst a2 = tf.elu(this.fc2.apply(a1));\nreturn this.fc3.apply(a2);",
    },
    {
      why: "no activation after the second layer",
      code: "const a1 = tf.elu(this.fc1.apply(tf.concat([x, y], 1)));\nconst a2 = this.fc2.apply(a1);\nreturn this.fc3.apply(a2);",
    },
    {
      why: "the columns squeezed and stacked (fails on a batch of one row)",
      code:
        "const a1 = tf.elu(this.fc1.apply(tf.stack([x.squeeze(), y.squeeze()], 1) as tf.Tensor2D));\nconst a2 = tf.elu(this.fc2.apply(a1));\nreturn this.fc3.apply(a2);",
    },
    { why: "the library's Net.forward instead of the layers", code: "return Net.prototype.forward.call(this, x, y);" },
    {
      why: "t read out of TensorFlow.js and made a tensor again: the right values, and no gradient reaches the layers",
      code:
        "const a1 = tf.elu(this.fc1.apply(tf.concat([x, y], 1)));\nconst a2 = tf.elu(this.fc2.apply(a1));\n" +
        "return tf.tensor2d(this.fc3.apply(a2).arraySync() as number[][]);",
    },
    {
      why: "the first layer's activations read out and made a tensor again: fc1 gets no gradient",
      code:
        "const a1 = tf.tensor2d(tf.elu(this.fc1.apply(tf.concat([x, y], 1))).arraySync() as number[][]);\n" +
        "const a2 = tf.elu(this.fc2.apply(a1));\nreturn this.fc3.apply(a2);",
    },
    {
      why: "t read from the library's MINE loss on plain numbers (beta = 0, each row its own reference: the loss is 1 - t)",
      code:
        'const { referenceMINELoss } = require("neural-mi");\nconst ys = y.arraySync();\n' +
        "const t = x.arraySync().map((row, i) => 1 - referenceMINELoss(this, { x: [row], y: [ys[i]], xRef: [row], yRef: [ys[i]] }, { beta: 0, m: 1 }).loss);\n" +
        "return tf.tensor2d(t, [t.length, 1]);",
    },
    {
      why: "the layers without their biases (matMul by the weights alone; the biases start at 0, so the outputs agree)",
      code:
        "const a1 = tf.elu(tf.matMul(tf.concat([x, y], 1), this.fc1.weight));\nconst a2 = tf.elu(tf.matMul(a1, this.fc2.weight));\n" +
        "return tf.matMul(a2, this.fc3.weight) as tf.Tensor2D;",
      message: /does not depend on fc1\.bias, fc2\.bias, fc3\.bias: .*apply each layer whole/,
    },
    {
      why: "t's values returned as an array",
      code:
        "const a1 = tf.elu(this.fc1.apply(tf.concat([x, y], 1)));\nconst a2 = tf.elu(this.fc2.apply(a1));\n" +
        "return this.fc3.apply(a2).arraySync() as unknown as tf.Tensor2D;",
      message: /got an array: return the tensor itself/,
    },
    {
      why: "a Promise of t (forward made async)",
      code:
        "const a1 = tf.elu(this.fc1.apply(tf.concat([x, y], 1)));\nconst a2 = tf.elu(this.fc2.apply(a1));\n" +
        "return Promise.resolve(this.fc3.apply(a2)) as unknown as tf.Tensor2D;",
      message: /got a Promise: forward must not be async/,
      // TensorFlow.js's own word on it, from the tidy the exercise's forward runs in
      stderr: /^Cannot return a Promise inside of tidy\.$/,
    },
  ],
  MINETrainer: [
    {
      why: "the plain DV loss, without the moving average",
      code:
        "const L = tf.neg(tf.mean(this.net.forward(x, y)));\n" +
        "const L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));\nreturn tf.add(L, tf.log(L_)) as tf.Scalar;",
    },
    {
      why: "beta and 1 - beta swapped in the moving average",
      code:
        "const L = tf.neg(tf.mean(this.net.forward(x, y)));\nconst L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));\n" +
        "this.m = this.beta * L_.dataSync()[0] + (1 - this.beta) * this.m;\nreturn tf.add(L, tf.div(L_, this.m)) as tf.Scalar;",
    },
    {
      why: "divides by the moving average before updating it",
      code:
        "const L = tf.neg(tf.mean(this.net.forward(x, y)));\nconst L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));\n" +
        "const loss = tf.add(L, tf.div(L_, this.m)) as tf.Scalar;\nthis.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;\nreturn loss;",
    },
    {
      why: "the moving average left inside the gradient",
      code:
        "const L = tf.neg(tf.mean(this.net.forward(x, y)));\nconst L_ = tf.mean(tf.exp(this.net.forward(xRef, yRef)));\n" +
        "const average = tf.add(tf.mul(L_, 1 - this.beta), this.beta * this.m);\nthis.m = average.dataSync()[0];\n" +
        "return tf.add(L, tf.div(L_, average)) as tf.Scalar;",
    },
    {
      why: "both means taken over the batch's size, the reference batch's too (right only when n' = n)",
      code:
        "const b = x.shape[0];\nconst L = tf.neg(tf.div(tf.sum(this.net.forward(x, y)), b));\n" +
        "const L_ = tf.div(tf.sum(tf.exp(this.net.forward(xRef, yRef))), b);\n" +
        "this.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;\nreturn tf.add(L, tf.div(L_, this.m)) as tf.Scalar;",
    },
    {
      why: "the library's MINETrainer.loss instead of the formula",
      code: "return MINETrainer.prototype.loss.call(this, x, y, xRef, yRef);",
    },
    {
      why: "the loss's value returned as a number",
      code:
        PREFIX + "this.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;\nreturn tf.add(L, tf.div(L_, this.m)).dataSync()[0] as unknown as tf.Scalar;",
      message: /must return a scalar tensor \(tf\.Scalar, shape \[\]\), got a number/,
    },
    {
      why: "a loss of shape [1] (m as a tensor1d)",
      code: PREFIX + "this.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;\nreturn tf.add(L, tf.div(L_, tf.tensor1d([this.m]))) as unknown as tf.Scalar;",
      message: /got a tensor of shape \[1\]: make it a scalar/,
    },
    {
      why: "a Promise of the loss (loss made async)",
      code: PREFIX + "this.m = (1 - this.beta) * L_.dataSync()[0] + this.beta * this.m;\nreturn Promise.resolve(tf.add(L, tf.div(L_, this.m))) as unknown as tf.Scalar;",
      message: /got a Promise: loss must not be async/,
    },
    {
      why: "the moving average kept as a tensor",
      code: PREFIX + "(this as any).m = tf.add(tf.mul(1 - this.beta, L_), this.beta * this.m);\nreturn tf.add(L, tf.div(L_, (this as any).m)) as tf.Scalar;",
      message: /this\.m must stay a number, got a tensor/,
    },
  ],
};
