/** A line segment [x1, y1, x2, y2] in data coordinates. */
export type Segment = [number, number, number, number];

// Edge pairs crossed by the level line for each corner pattern (bit k set when corner k is
// above the level; corners 0..3 = bottom-left, bottom-right, top-right, top-left; edges
// 0..3 = bottom, right, top, left). Saddles (5, 10) are resolved by the cell's mean.
const EDGES: Record<number, Array<[number, number]>> = {
  1: [[3, 0]],
  2: [[0, 1]],
  3: [[3, 1]],
  4: [[1, 2]],
  6: [[0, 2]],
  7: [[3, 2]],
  8: [[2, 3]],
  9: [[0, 2]],
  11: [[1, 2]],
  12: [[1, 3]],
  13: [[0, 1]],
  14: [[3, 0]],
};

/** The pieces of the level line z = level through a grid (z[row][column] at (x[column], y[row])). */
export function contourSegments(x: number[], y: number[], z: number[][], level: number): Segment[] {
  const segments: Segment[] = [];
  for (let r = 0; r + 1 < y.length; r++) {
    for (let c = 0; c + 1 < x.length; c++) {
      const corners: Array<[number, number, number]> = [
        [x[c], y[r], z[r][c]],
        [x[c + 1], y[r], z[r][c + 1]],
        [x[c + 1], y[r + 1], z[r + 1][c + 1]],
        [x[c], y[r + 1], z[r + 1][c]],
      ];
      let pattern = 0;
      corners.forEach(([, , v], k) => {
        if (v > level) pattern |= 1 << k;
      });
      let pairs = EDGES[pattern];
      if (pattern === 5 || pattern === 10) {
        const centreAbove = corners.reduce((sum, [, , v]) => sum + v, 0) / 4 > level;
        pairs =
          pattern === 5
            ? centreAbove ? [[0, 1], [2, 3]] : [[3, 0], [1, 2]]
            : centreAbove ? [[3, 0], [1, 2]] : [[0, 1], [2, 3]];
      }
      if (!pairs) continue;
      for (const [a, b] of pairs) {
        const p = crossing(corners, a, level);
        const q = crossing(corners, b, level);
        segments.push([p[0], p[1], q[0], q[1]]);
      }
    }
  }
  return segments;
}

function crossing(corners: Array<[number, number, number]>, edge: number, level: number): [number, number] {
  const [x0, y0, v0] = corners[edge];
  const [x1, y1, v1] = corners[(edge + 1) % 4];
  const t = v1 === v0 ? 0.5 : (level - v0) / (v1 - v0);
  return [x0 + t * (x1 - x0), y0 + t * (y1 - y0)];
}
