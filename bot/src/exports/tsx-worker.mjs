// Starts a worker thread's TypeScript entry (process.argv[2]) under tsx, for `npm start` and the tests:
// Node 20 does not apply the parent's `--import tsx` to a worker's entry. The build runs the .js.
import process from "node:process";
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);
