import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countTickLabels, percentTickLabels, tickDecimals, tickLabels } from '../../../webview/logic/tick-labels';

test('tick labels: the fewest decimals that write every tick exactly, no padding zeros', () => {
  // The retraining chart's loss axis read "7.500 / 5.000 / 2.500".
  assert.deepEqual(tickLabels([7.5, 5, 2.5]), ['7.5', '5', '2.5']);
  assert.equal(tickDecimals([7.5, 5, 2.5]), 1);
  // Zero decimals would round 2.5 to "3" and 7.5 to "8": distinct labels, wrong values.
  assert.deepEqual(tickLabels([0, 2.5, 5, 7.5, 10]), ['0', '2.5', '5', '7.5', '10']);
  assert.deepEqual(tickLabels([0.25, 0.5, 0.75, 1]), ['0.25', '0.5', '0.75', '1']);
  assert.deepEqual(tickLabels([3.2, 3.4, 3.6]), ['3.2', '3.4', '3.6']);
  assert.deepEqual(tickLabels([12000, 14000, 16000]), ['12000', '14000', '16000']);
  assert.deepEqual(tickLabels([-0.5, 0, 0.5]), ['-0.5', '0', '0.5']);
  // Log axes: powers of ten and 1-2-5 steps.
  assert.deepEqual(tickLabels([0.0001, 0.001, 0.01, 0.1]), ['0.0001', '0.001', '0.01', '0.1']);
  assert.deepEqual(tickLabels([1, 2, 5, 10]), ['1', '2', '5', '10']);
});

test('tick labels: floating-point noise, left-out labels, ticks no short decimal writes', () => {
  // 0.1 + 0.2: the tick is 0.3, not 0.30000000000000004.
  assert.deepEqual(tickLabels([0.1, 0.2, 0.1 + 0.2, 0.4]), ['0.1', '0.2', '0.3', '0.4']);
  assert.deepEqual(tickLabels([1, null, 10]), ['1', '', '10']);
  assert.deepEqual(tickLabels([]), []);
  // Uneven ticks (thirds; a log axis's own min and max): within 1% of their gap, not every digit.
  assert.deepEqual(tickLabels([1 / 3, 2 / 3, 1]), ['0.333', '0.667', '1']);
  assert.deepEqual(tickLabels([2.3456789, 2.41234]), ['2.346', '2.412']);
  assert.deepEqual(tickLabels([2.301234, 2.309876]), ['2.3012', '2.3099']);
  // A lone tick: within 1% of itself.
  assert.deepEqual(tickLabels([7.5]), ['7.5']);
});

test('percent and count ticks share one unit and the same rule', () => {
  assert.deepEqual(percentTickLabels([0.88, 0.9]), ['88%', '90%']);
  assert.deepEqual(percentTickLabels([0.6, 0.8, 1]), ['60%', '80%', '100%']);
  assert.deepEqual(percentTickLabels([0.885, 0.89, 0.895]), ['88.5%', '89%', '89.5%']);
  // 0.07 * 100 is 7.000000000000001.
  assert.deepEqual(percentTickLabels([0.07, 0.14, null]), ['7%', '14%', '']);
  assert.deepEqual(countTickLabels([3e6, 4e6, 5e6, 6e6]), ['3M', '4M', '5M', '6M']);
  assert.deepEqual(countTickLabels([5e5, 1e6, 1.5e6]), ['0.5M', '1M', '1.5M']);
  assert.deepEqual(countTickLabels([2.5e4, 5e4, 7.5e4]), ['25k', '50k', '75k']);
  assert.deepEqual(countTickLabels([0, 250, 500]), ['0', '250', '500']);
  assert.deepEqual(countTickLabels([0, 1e9, 2e9]), ['0', '1G', '2G']);
});
