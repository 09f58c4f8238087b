import { spawn } from "node:child_process";
import * as path from "node:path";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the econagent CLI in a child process without blocking this process's event loop (tests that serve a fake
 * model endpoint from this process need it to keep answering).
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, onStart?: (pid: number) => void): Promise<CliResult> {
  return runNode([path.join(process.cwd(), "bin/econagent.js"), ...args], { env, onStart });
}

/** Run `node NODE_ARGS` (a script and its arguments, after any node flags) the way {@link runCli} runs the CLI. */
export function runNode(nodeArgs: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; onStart?: (pid: number) => void } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: options.cwd,
      env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (child.pid !== undefined) options.onStart?.(child.pid);
  });
}
