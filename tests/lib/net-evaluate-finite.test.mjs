import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net } from "neural-mi";

before(async () => {
  await init();
});

test("Net.evaluate refuses a non-finite t, saying whether the weights or their size is the cause (it returned NaN)", () => {
  const huge = new Net({ sigma: 1e30 });
  assert.throws(() => huge.evaluate([[1, 2]]), /evaluate\(points\): t at row 0 is NaN: the weights \(sigma = 1e\+30\) and the points together pass float32's range/);
  huge.dispose();
  const net = new Net();
  net.fc2.bias.assign(tf.fill([100], NaN));
  assert.throws(() => net.evaluate([[0, 0], [1, 1]]), /t at row 0 is NaN: the network's variable 3 \(fc2\.bias\) holds values that are not finite, as training that diverged leaves them; make a new Net/);
  net.dispose();
});
