/**
 * Writes the tiny random-weight llama model used to test the embedded-model path (lib/llm/tinyGguf.ts):
 * `tsx scripts/make-tiny-gguf.ts OUT.gguf [--seed N]`. Its answers are noise; use it for plumbing, not economics.
 */
import { writeTinyGguf } from "../lib/llm/tinyGguf.js";

function main(args: string[]): void {
  const seedAt = args.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const rest = seedAt >= 0 ? args.filter((_, i) => i !== seedAt && i !== seedAt + 1) : args;
  if (rest.length !== 1 || !Number.isInteger(seed)) {
    process.stderr.write("usage: tsx scripts/make-tiny-gguf.ts OUT.gguf [--seed N]\n");
    process.exitCode = 2;
    return;
  }
  writeTinyGguf(rest[0], { seed });
  process.stdout.write(`wrote ${rest[0]}\n`);
}

main(process.argv.slice(2));
