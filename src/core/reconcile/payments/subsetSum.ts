/**
 * Which of a customer's open invoices add up to a deposit. Subset sums are exponential in
 * general, so the search is bounded three ways (policy `combination`): the candidates (the
 * customer's oldest open invoices), the size of a combination, and the steps taken. It stops
 * at the second solution — two fitting answers are an ambiguity, not a choice — and says when
 * it stopped at the step limit, so a single solution found is only certain when the search
 * was complete.
 */
export interface SubsetSearch {
  /** Each solution as indexes into the amounts given, ascending. */
  solutions: number[][];
  /** False when the step limit stopped the search before it had looked everywhere. */
  complete: boolean;
  steps: number;
}

/**
 * Subsets of 2..maxSize positive amounts whose sum lies in [lo, hi]; at most `limit` of them.
 * Depth-first over the amounts sorted largest first, pruning a branch when even the largest
 * remaining amounts cannot reach `lo` or the smallest already pass `hi`.
 */
export function findSubsets(amounts: readonly number[], lo: number, hi: number, maxSize: number, maxSteps: number, limit = 2): SubsetSearch {
  if (lo === hi && maxSize <= 3) return exactSmall(amounts, lo, maxSize, limit);
  const n = amounts.length;
  const order = amounts.map((_, i) => i).sort((a, b) => amounts[b] - amounts[a] || a - b);
  const a = order.map((i) => amounts[i]);
  // prefix[i] = a[0] + … + a[i-1]: the sum of the k largest from position i is prefix[i+k] - prefix[i].
  const prefix = new Array<number>(n + 1);
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + a[i];
  const solutions: number[][] = [];
  const chosen: number[] = [];
  let steps = 0;
  let stopped = false;

  const dfs = (start: number, sum: number): void => {
    if (stopped) return;
    const k = chosen.length;
    if (k >= 2 && sum >= lo && sum <= hi) {
      solutions.push(chosen.map((j) => order[j]).sort((x, y) => x - y));
      if (solutions.length >= limit) {
        stopped = true;
        return;
      }
    }
    if (k === maxSize) return;
    const room = maxSize - k;
    for (let i = start; i < n; i++) {
      if (++steps > maxSteps) {
        stopped = true;
        return;
      }
      // Sorted descending: the most this branch can still add is the next `room` amounts.
      const reach = prefix[Math.min(n, i + room)] - prefix[i];
      if (sum + reach < lo) return;
      // The smallest completion adds a[i] (a larger one would only add more): too much, try smaller ones.
      if (sum + a[i] > hi) continue;
      chosen.push(i);
      dfs(i + 1, sum + a[i]);
      chosen.pop();
      if (stopped) return;
    }
  };
  dfs(0, 0);
  return { solutions, complete: !stopped || solutions.length >= limit, steps: Math.min(steps, maxSteps) };
}

/**
 * Pairs and triples adding up exactly to a target: each pair's complement looked up in a table
 * of the amounts, so n²/2 steps instead of n³/6, and always complete.
 */
function exactSmall(amounts: readonly number[], target: number, maxSize: number, limit: number): SubsetSearch {
  const n = amounts.length;
  const at = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const l = at.get(amounts[i]);
    if (l) l.push(i);
    else at.set(amounts[i], [i]);
  }
  const solutions: number[][] = [];
  let steps = 0;
  // A complement `need` at an index above `after`: each subset is found once, in index order.
  const complements = (need: number, after: number, emit: (k: number) => boolean): boolean => {
    const l = at.get(need);
    if (l) for (const k of l) if (k > after && emit(k)) return true;
    return false;
  };
  for (let i = 0; i < n; i++) {
    steps++;
    if (complements(target - amounts[i], i, (j) => (solutions.push([i, j]), solutions.length >= limit))) return { solutions, complete: true, steps };
  }
  if (maxSize >= 3) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        steps++;
        const need = target - amounts[i] - amounts[j];
        if (need <= 0) continue;
        if (complements(need, j, (k) => (solutions.push([i, j, k]), solutions.length >= limit))) return { solutions, complete: true, steps };
      }
    }
  }
  return { solutions, complete: true, steps };
}
