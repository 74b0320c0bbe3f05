// Fused training step of the course's statistics network, compiled to
// WebAssembly with SIMD: t(z) = W3ᵀ elu(W2ᵀ elu(W1ᵀ z + b1) + b2) + b3.
//
// Everything works on float32 buffers in this module's memory, laid out by the
// caller (lib/src/fast). Matrices are row-major; a row of a hidden layer holds
// `hp` floats, the hidden size rounded up to a multiple of 4 with zeros, so
// that every row starts on a 16-byte boundary.
//
// Parameters (and their gradients, and Adam's two moments) sit in one block:
//   W1 [inputs × hp] | b1 [hp] | W2 [hp × hp] | b2 [hp] | w3 [hp] | b3 [4]
// The padding columns have zero weights and zero gradients, so they stay zero.

// @ts-ignore: decorator
@inline const F32 = 4;

export function heapBase(): usize {
  return __heap_base;
}

export function parameterCount(inputs: i32, hp: i32): i32 {
  return inputs * hp + hp + hp * hp + hp + hp + 4;
}

// Offsets of each parameter inside the block, in bytes.
// @ts-ignore: decorator
@inline function offW2(inputs: i32, hp: i32): usize {
  return <usize>(inputs * hp + hp) * F32;
}
// @ts-ignore: decorator
@inline function offB2(inputs: i32, hp: i32): usize {
  return offW2(inputs, hp) + <usize>(hp * hp) * F32;
}
// @ts-ignore: decorator
@inline function offW3(inputs: i32, hp: i32): usize {
  return offB2(inputs, hp) + <usize>hp * F32;
}
// @ts-ignore: decorator
@inline function offB3(inputs: i32, hp: i32): usize {
  return offW3(inputs, hp) + <usize>hp * F32;
}

/**
 * C[m × n] = A[m × k] · B[k × n] + bias (bias 0: none). Leading dimensions in
 * floats; n, ldb, ldc multiples of 4 and B, C 16-byte aligned.
 */
export function gemm(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, bias: usize): void {
  product(a, <usize>lda * F32, F32, b, ldb, c, ldc, m, k, n, bias);
}

/**
 * C[m × n] = Aᵀ · B with A[k × m], B[k × n]: the weight gradient, summed over
 * the k rows of a batch. n, ldb, ldc multiples of 4.
 */
export function gemmTN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32): void {
  product(a, F32, <usize>lda * F32, b, ldb, c, ldc, m, k, n, 0);
}

/**
 * C = A · B + bias where element (i, p) of A is at a + i·rowStep + p·colStep (bytes), so
 * A may be stored as it is or transposed. Blocks of 4 rows × 8 columns keep 8
 * accumulators in registers. Inlined into gemm and gemmTN, where one of the steps is
 * the constant F32 and the optimiser folds it into the loads' offsets.
 */
// @ts-ignore: decorator
@inline function product(
  a: usize, rowStep: usize, colStep: usize,
  b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, bias: usize,
): void {
  const zero = f32x4.splat(0);
  const bStep = <usize>ldb * F32;
  const rowStep2 = rowStep * 2;
  const rowStep3 = rowStep * 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const ai = a + <usize>i * rowStep;
    const c0 = c + <usize>(i * ldc) * F32;
    const c1 = c0 + <usize>ldc * F32;
    const c2 = c1 + <usize>ldc * F32;
    const c3 = c2 + <usize>ldc * F32;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const jb = <usize>j * F32;
      let init0 = zero;
      let init1 = zero;
      if (bias != 0) {
        init0 = v128.load(bias + jb);
        init1 = v128.load(bias + jb + 16);
      }
      let s00 = init0, s01 = init1, s10 = init0, s11 = init1;
      let s20 = init0, s21 = init1, s30 = init0, s31 = init1;
      let ap = ai;
      let bp = b + jb;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = v128.load32_splat(ap);
        const x1 = v128.load32_splat(ap + rowStep);
        const x2 = v128.load32_splat(ap + rowStep2);
        const x3 = v128.load32_splat(ap + rowStep3);
        s00 = f32x4.add(s00, f32x4.mul(x0, b0));
        s01 = f32x4.add(s01, f32x4.mul(x0, b1));
        s10 = f32x4.add(s10, f32x4.mul(x1, b0));
        s11 = f32x4.add(s11, f32x4.mul(x1, b1));
        s20 = f32x4.add(s20, f32x4.mul(x2, b0));
        s21 = f32x4.add(s21, f32x4.mul(x2, b1));
        s30 = f32x4.add(s30, f32x4.mul(x3, b0));
        s31 = f32x4.add(s31, f32x4.mul(x3, b1));
        ap += colStep;
        bp += bStep;
      }
      v128.store(c0 + jb, s00);
      v128.store(c0 + jb, s01, 16);
      v128.store(c1 + jb, s10);
      v128.store(c1 + jb, s11, 16);
      v128.store(c2 + jb, s20);
      v128.store(c2 + jb, s21, 16);
      v128.store(c3 + jb, s30);
      v128.store(c3 + jb, s31, 16);
    }
    for (; j < n; j += 4) {
      const jb = <usize>j * F32;
      const init = bias != 0 ? v128.load(bias + jb) : zero;
      let s0 = init, s1 = init, s2 = init, s3 = init;
      let ap = ai;
      let bp = b + jb;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(ap), b0));
        s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(ap + rowStep), b0));
        s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(ap + rowStep2), b0));
        s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(ap + rowStep3), b0));
        ap += colStep;
        bp += bStep;
      }
      v128.store(c0 + jb, s0);
      v128.store(c1 + jb, s1);
      v128.store(c2 + jb, s2);
      v128.store(c3 + jb, s3);
    }
  }
  for (; i < m; i++) {
    const cr = c + <usize>(i * ldc) * F32;
    for (let j = 0; j < n; j += 4) {
      const jb = <usize>j * F32;
      let s = bias != 0 ? v128.load(bias + jb) : zero;
      let ap = a + <usize>i * rowStep;
      let bp = b + jb;
      for (let p = 0; p < k; p++) {
        s = f32x4.add(s, f32x4.mul(v128.load32_splat(ap), v128.load(bp)));
        ap += colStep;
        bp += bStep;
      }
      v128.store(cr + jb, s);
    }
  }
}

/** dst[cols × rows] = srcᵀ, src[rows × cols]; leading dimensions in floats. */
export function transpose(src: usize, lds: i32, dst: usize, ldd: i32, rows: i32, cols: i32): void {
  for (let i = 0; i < rows; i++) {
    const s = src + <usize>(i * lds) * F32;
    for (let j = 0; j < cols; j++) {
      store<f32>(dst + <usize>(j * ldd + i) * F32, load<f32>(s + <usize>j * F32));
    }
  }
}

// exp on four lanes: 2^k · p(r) with x = k ln2 + r, |r| ≤ ln2/2, and a degree-6
// polynomial; relative error below 2e-7 on the range the ELU meets (x ≤ 0).
// @ts-ignore: decorator
@inline function exp4(x: v128): v128 {
  const lo = f32x4.splat(-87.0);
  const xc = f32x4.max(x, lo);
  const kf = f32x4.nearest(f32x4.mul(xc, f32x4.splat(1.44269504088896341)));
  // r = x - k ln2 in two parts for accuracy
  let r = f32x4.sub(xc, f32x4.mul(kf, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(kf, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.0 / 720.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(kf), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

/** In place: v = elu(v) = v > 0 ? v : e^v − 1, on count floats (a multiple of 4). */
export function elu(v: usize, count: i32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let i = 0; i < count; i += 4) {
    const p = v + <usize>i * F32;
    const x = v128.load(p);
    const negative = f32x4.lt(x, zero);
    if (v128.any_true(negative)) {
      v128.store(p, v128.bitselect(f32x4.sub(exp4(x), one), x, negative));
    }
  }
}

/** In place: d = d · elu′, with elu′ = 1 where the activation a > 0, a + 1 elsewhere. */
export function eluBackward(d: usize, a: usize, count: i32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let i = 0; i < count; i += 4) {
    const o = <usize>i * F32;
    const act = v128.load(a + o);
    const slope = v128.bitselect(one, f32x4.add(act, one), f32x4.gt(act, zero));
    v128.store(d + o, f32x4.mul(v128.load(d + o), slope));
  }
}

/** out[j] = Σ_rows m[r, j], j < n (a multiple of 4). */
export function columnSums(m: usize, ld: i32, rows: i32, n: i32, out: usize): void {
  for (let j = 0; j < n; j += 4) {
    let s = f32x4.splat(0);
    let p = m + <usize>j * F32;
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, v128.load(p));
      p += <usize>ld * F32;
    }
    v128.store(out + <usize>j * F32, s);
  }
}

// @ts-ignore: decorator
@inline function sum4(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * Forward pass on `rows` inputs x[rows × inputs]: fills the activations
 * a1, a2 [rows × hp] and the outputs t [rows].
 */
export function forward(params: usize, inputs: i32, hp: i32, x: usize, rows: i32, a1: usize, a2: usize, t: usize): void {
  const b1 = params + <usize>(inputs * hp) * F32;
  gemm(x, inputs, params, hp, a1, hp, rows, inputs, hp, b1);
  elu(a1, rows * hp);
  gemm(a1, hp, params + offW2(inputs, hp), hp, a2, hp, rows, hp, hp, params + offB2(inputs, hp));
  elu(a2, rows * hp);
  const w3 = params + offW3(inputs, hp);
  const b3 = load<f32>(params + offB3(inputs, hp));
  for (let r = 0; r < rows; r++) {
    const ar = a2 + <usize>(r * hp) * F32;
    let s = f32x4.splat(0);
    for (let j = 0; j < hp; j += 4) {
      s = f32x4.add(s, f32x4.mul(v128.load(ar + <usize>j * F32), v128.load(w3 + <usize>j * F32)));
    }
    store<f32>(t + <usize>r * F32, sum4(s) + b3);
  }
}

/**
 * Backward pass after `forward` on the same rows: from dT [rows] = ∂loss/∂t,
 * writes the gradient of every parameter into `grads` (same layout as params).
 * Scratch: d2, d1 [rows × hp], w2t [hp × hp].
 */
export function backward(
  params: usize, grads: usize, inputs: i32, hp: i32, x: usize, rows: i32,
  a1: usize, a2: usize, dT: usize, d2: usize, d1: usize, w2t: usize,
): void {
  const w3 = params + offW3(inputs, hp);
  // output layer: dw3 = a2ᵀ dT, db3 = Σ dT, and d2 = dT w3ᵀ ⊙ elu′(a2)
  const gw3 = grads + offW3(inputs, hp);
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let j = 0; j < hp; j += 4) v128.store(gw3 + <usize>j * F32, zero);
  let db3: f32 = 0;
  for (let r = 0; r < rows; r++) {
    const g = load<f32>(dT + <usize>r * F32);
    db3 += g;
    const gv = f32x4.splat(g);
    const ar = a2 + <usize>(r * hp) * F32;
    const dr = d2 + <usize>(r * hp) * F32;
    for (let j = 0; j < hp; j += 4) {
      const o = <usize>j * F32;
      const act = v128.load(ar + o);
      v128.store(gw3 + o, f32x4.add(v128.load(gw3 + o), f32x4.mul(act, gv)));
      const slope = v128.bitselect(one, f32x4.add(act, one), f32x4.gt(act, zero));
      v128.store(dr + o, f32x4.mul(f32x4.mul(gv, v128.load(w3 + o)), slope));
    }
  }
  const gb3 = grads + offB3(inputs, hp);
  store<f32>(gb3, db3);
  store<f32>(gb3, 0, 4);
  store<f32>(gb3, 0, 8);
  store<f32>(gb3, 0, 12);
  // second layer: dW2 = a1ᵀ d2, db2 = Σ d2, d1 = d2 W2ᵀ ⊙ elu′(a1)
  gemmTN(a1, hp, d2, hp, grads + offW2(inputs, hp), hp, hp, rows, hp);
  columnSums(d2, hp, rows, hp, grads + offB2(inputs, hp));
  transpose(params + offW2(inputs, hp), hp, w2t, hp, hp, hp);
  gemm(d2, hp, w2t, hp, d1, hp, rows, hp, hp, 0);
  eluBackward(d1, a1, rows * hp);
  // first layer: dW1 = xᵀ d1, db1 = Σ d1
  gemmTN(x, inputs, d1, hp, grads, hp, inputs, rows, hp);
  columnSums(d1, hp, rows, hp, grads + <usize>(inputs * hp) * F32);
}

/**
 * One Adam update of `count` parameters (a multiple of 4), in the order of
 * operations TensorFlow.js uses (1 − β1 and 1 − β2 come rounded from the caller): m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g²,
 * p ← p − lr · (m / c1) / (√(v / c2) + ε), with c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ.
 */
export function adam(
  p: usize, g: usize, m: usize, v: usize, count: i32, lr: f32,
  beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, eps: f32, c1: f32, c2: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const ob1 = f32x4.splat(oneMinusBeta1);
  const ob2 = f32x4.splat(oneMinusBeta2);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  const ve = f32x4.splat(eps);
  const nlr = f32x4.splat(-lr);
  for (let i = 0; i < count; i += 4) {
    const o = <usize>i * F32;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), b1), f32x4.mul(gi, ob1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), b2), f32x4.mul(f32x4.mul(gi, gi), ob2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.div(mi, vc1), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), ve));
    v128.store(p + o, f32x4.add(f32x4.mul(step, nlr), v128.load(p + o)));
  }
}
