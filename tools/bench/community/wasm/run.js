// node tools/bench/community/wasm/run.js target/bench/community/leiden_wasm.wasm [SEEDS]
const fs = require("fs");
const [wasmPath, seedsArg] = process.argv.slice(2);
const seeds = Number(seedsArg || 3);
const { instance } = new WebAssembly.Instance
  ? { instance: new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), {}) }
  : null;
const e = instance.exports;
const rows = [];
for (const [nodes, groups] of [[1000, 10], [10000, 40], [100000, 150]]) {
  e.make_graph(nodes, groups);
  const times = [];
  let q = 0;
  for (let s = 0; s < seeds; s++) {
    const t0 = process.hrtime.bigint();
    e.run_leiden(s);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    q = Math.max(q, e.last_modularity());
  }
  times.sort((a, b) => a - b);
  rows.push({ graph: `planted_${nodes / 1000}k`, best_modularity: q,
              median_time_s: times[Math.floor(times.length / 2)], min_time_s: times[0] });
}
console.log(JSON.stringify(rows, null, 1));
