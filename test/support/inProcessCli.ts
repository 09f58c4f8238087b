import { main } from "../../lib/cli/main.js";

/**
 * Run the econagent CLI in this process (no Node start-up per call, for tests that try many inputs): its exit
 * code and what it wrote to stderr. Pass --quiet where the command has it: stdout is not captured.
 */
export async function cliInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(args), stderr };
  } finally {
    process.stderr.write = write;
  }
}
