/**
 * Strongly connected components of the equation/unknown graph (iterative Tarjan).
 *
 * Graph: one node per unknown; an edge i -> j for every stored entry (i, j) with
 * j != i ("equation i references unknown j"). Because row i is the equation for
 * unknown i, the components in the order produced here give a block lower
 * triangular form of A: a component only references itself and earlier ones.
 */

export interface SccResult {
  /** Number of components. */
  count: number;
  /** componentOf[i] = index of the component of unknown i (components are numbered in solve order). */
  componentOf: Int32Array;
  /**
   * Unknowns grouped by component, components in solve order: a component comes
   * after every component its equations reference.
   */
  order: Int32Array;
  /** Length count + 1: component c is order[start[c]] .. order[start[c+1]-1]. */
  start: Int32Array;
}

/**
 * Tarjan's algorithm without recursion (an explicit call stack of (node, next edge)
 * pairs), O(n + nnz) time and a handful of Int32Arrays of length n.
 *
 * Tarjan emits a component only after every component reachable from it, i.e.
 * after everything its equations reference: the emission order is the solve order.
 */
export function stronglyConnectedComponents(n: number, rowPtr: Int32Array, colIdx: Int32Array): SccResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`scc: invalid dimension ${n}`);
  if (rowPtr.length < n + 1) throw new RangeError('scc: rowPtr too short');
  const nnz = rowPtr[n];
  for (let p = 0; p < nnz; p++) {
    const j = colIdx[p];
    if (j < 0 || j >= n) throw new RangeError(`scc: column index ${j} out of range at position ${p}`);
  }

  const index = new Int32Array(n).fill(-1); // discovery index, -1 = unvisited
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const tarjanStack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n);
  const order = new Int32Array(n);
  const startTmp = new Int32Array(n + 1);

  let counter = 0; // next discovery index
  let sp = 0; // Tarjan stack size
  let count = 0; // components emitted
  let emitted = 0; // unknowns placed in `order`

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;

    index[root] = low[root] = counter++;
    tarjanStack[sp++] = root;
    onStack[root] = 1;
    callNode[0] = root;
    callEdge[0] = rowPtr[root];
    let csp = 1;

    while (csp > 0) {
      const v = callNode[csp - 1];
      let p = callEdge[csp - 1];
      const end = rowPtr[v + 1];
      let descended = false;
      while (p < end) {
        const w = colIdx[p++];
        if (w === v) continue;
        if (index[w] === -1) {
          // "Recurse" into w: save where v resumes, push w.
          callEdge[csp - 1] = p;
          index[w] = low[w] = counter++;
          tarjanStack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp] = rowPtr[w];
          csp++;
          descended = true;
          break;
        } else if (onStack[w] === 1 && index[w] < low[v]) {
          low[v] = index[w];
        }
      }
      if (descended) continue;

      // v is finished.
      if (low[v] === index[v]) {
        // v is the root of a component: pop it. Place the members in discovery
        // order (the segment of the Tarjan stack from v upwards).
        let s = sp - 1;
        while (tarjanStack[s] !== v) s--;
        for (let t = s; t < sp; t++) {
          const w = tarjanStack[t];
          onStack[w] = 0;
          componentOf[w] = count;
          order[emitted++] = w;
        }
        sp = s;
        count++;
        startTmp[count] = emitted;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }

  return { count, componentOf, order, start: startTmp.slice(0, count + 1) };
}
