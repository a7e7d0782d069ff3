// V8's side of bench/run-compile.sh: the wall time of WebAssembly.compile of one module, the file
// read before it, printed as `v8 compile_ms=<float>`.
//   node --no-liftoff --no-wasm-lazy-compilation bench/src/main/js/compile.mjs FILE.wasm
// Both flags are required. By default V8 compiles a function only when it is first called, with
// Liftoff, its baseline compiler (TurboFan later, for hot ones), so the promise settles having
// validated the module and compiled nothing; with the flags TurboFan, its optimizing tier,
// compiles every function before the promise settles.
import { readFile } from 'node:fs/promises';

const flags = ['--no-liftoff', '--no-wasm-lazy-compilation'];
if (!flags.every((flag) => process.execArgv.includes(flag)) || process.argv.length !== 3) {
  console.error(`usage: node ${flags.join(' ')} compile.mjs FILE.wasm`);
  process.exit(2);
}
const bytes = await readFile(process.argv[2]);
const start = process.hrtime.bigint();
await WebAssembly.compile(bytes);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(`v8 compile_ms=${ms.toFixed(1)}`);
