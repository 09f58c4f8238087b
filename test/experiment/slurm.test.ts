/**
 * A real Slurm cluster, not a mock: a one-node cluster from Debian's slurm-wlm and munge (started here as root,
 * with its key, sockets, configuration, state and logs in a temporary directory and on free ports, so it touches
 * nothing under /etc or /var), runs the sbatch array that `econagent sweep --emit slurm` writes; `econagent
 * collect` then merges the shards, and the result equals the local sweep's. The daemons started here are stopped
 * by their PIDs afterwards, also when the test fails. Without root the test fails and says why.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { expandCells } from "../../lib/experiment/cells.js";
import { parseExperiment } from "../../lib/experiment/experimentFile.js";
import { sweepRuns } from "../../lib/experiment/runs.js";
import { runCli } from "../support/cli.js";
import { assertSameRunDirectory } from "../support/runDirs.js";

const BINARIES = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/sinfo"];
const EXPERIMENT = {
  name: "slurm-small",
  base: { policy: "composite", households: 10, months: 12 },
  arms: [{ name: "no-bank" }, { name: "bank", bank: "on" }],
  grid: { taxYear: [2019, 2022] },
  seeds: [1, 2],
};

const daemons: (ChildProcess & { command: string })[] = [];
const pidFiles: string[] = [];
let tmp: string | null = null;

after(async () => {
  // munged runs under su: stop the daemon by its PID file, then everything spawned here, by PID.
  for (const file of pidFiles) {
    const pid = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").trim()) : NaN;
    if (pid > 0) killQuietly(pid);
  }
  for (const child of daemons) if (child.command !== "su" && child.pid && running(child)) killQuietly(child.pid);
  // su waits for (and reaps) munged; it is signalled only if it has not ended by itself.
  const exited = (child: ChildProcess) => (running(child) ? new Promise((resolve) => child.once("exit", resolve)) : null);
  await Promise.race([Promise.all(daemons.map(exited)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  for (const child of daemons) if (child.pid && running(child)) killQuietly(child.pid);
  await Promise.all(daemons.map(exited));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function daemon(command: string, args: string[], log: string): ChildProcess {
  const out = fs.openSync(log, "a");
  const child = Object.assign(spawn(command, args, { stdio: ["ignore", out, out] }), { command });
  fs.closeSync(out);
  daemons.push(child);
  return child;
}

async function waitFor(what: string, check: () => boolean, ms: number, logs: string[]): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const tails = logs.filter((f) => fs.existsSync(f)).map((f) => `--- ${f}\n${fs.readFileSync(f, "utf8").split("\n").slice(-15).join("\n")}`);
  assert.fail(`${what} did not happen within ${ms / 1000} s\n${tails.join("\n")}`);
}

test("the emitted sbatch array runs on a one-node Slurm cluster and collect equals the local sweep", { timeout: 600_000 }, async () => {
  assert.equal(process.getuid?.(), 0, "the Slurm test starts munged, slurmctld and slurmd and must run as root (npm test as root, as CI does)");
  const absent = BINARIES.filter((b) => !fs.existsSync(b));
  assert.deepEqual(absent, [], `Slurm or munge is missing (${absent.join(", ")}): apt-get install -y --no-install-recommends slurm-wlm munge (scripts/prerequisites.sh)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-slurm-"));
  fs.chmodSync(tmp, 0o755); // munged requires every directory above its socket to be searchable by all
  const dir = (name: string, mode: number, owner: boolean) => {
    const d = path.join(tmp!, name);
    fs.mkdirSync(d, { mode });
    fs.chmodSync(d, mode);
    if (owner) spawnSync("chown", ["munge:munge", d]);
    return d;
  };
  const socketDir = dir("munge", 0o755, true);
  const privateDir = dir("munge-private", 0o700, true);
  for (const d of ["state", "spool", "log"]) dir(d, 0o755, false);
  const key = path.join(privateDir, "munge.key");
  fs.writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  spawnSync("chown", ["munge:munge", key]);
  const socket = path.join(socketDir, "munge.socket");
  const mungePid = path.join(socketDir, "munged.pid");
  pidFiles.push(mungePid);
  const logs = [path.join(privateDir, "munged.log"), path.join(tmp, "log", "slurmctld.log"), path.join(tmp, "log", "slurmd.log"), path.join(tmp, "daemons.log")];
  daemon("su", ["-s", "/bin/sh", "munge", "-c", `exec /usr/sbin/munged -F --key-file=${key} --socket=${socket} --pid-file=${mungePid} --log-file=${logs[0]} --seed-file=${path.join(privateDir, "munged.seed")}`], logs[3]);
  await waitFor("munged created its socket", () => fs.existsSync(socket), 20_000, logs);

  const host = os.hostname().split(".")[0];
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = path.join(tmp, "slurm.conf");
  fs.writeFileSync(
    conf,
    [
      "ClusterName=econagenttest",
      `SlurmctldHost=${host}`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      "SlurmUser=root",
      "AuthType=auth/munge",
      `AuthInfo=socket=${socket}`,
      "CredType=cred/munge",
      `StateSaveLocation=${path.join(tmp, "state")}`,
      `SlurmdSpoolDir=${path.join(tmp, "spool")}`,
      `SlurmctldPidFile=${path.join(tmp, "slurmctld.pid")}`,
      `SlurmdPidFile=${path.join(tmp, "slurmd.pid")}`,
      `SlurmctldLogFile=${logs[1]}`,
      `SlurmdLogFile=${logs[2]}`,
      "ProctrackType=proctrack/linuxproc",
      "TaskPlugin=task/none",
      "JobAcctGatherType=jobacct_gather/none",
      "SelectType=select/cons_tres",
      "SelectTypeParameters=CR_Core",
      "ReturnToService=2",
      "MpiDefault=none",
      `NodeName=${host} CPUs=${os.availableParallelism()} RealMemory=100 State=UNKNOWN`,
      `PartitionName=main Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      "",
    ].join("\n"),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  daemon("/usr/sbin/slurmctld", ["-D", "-f", conf], logs[3]);
  daemon("/usr/sbin/slurmd", ["-D", "-f", conf], logs[3]);
  await waitFor("sinfo shows the node idle", () => /idle/.test(spawnSync("/usr/bin/sinfo", ["-h", "-o", "%T"], { env, encoding: "utf8" }).stdout ?? ""), 60_000, logs);

  const file = path.join(tmp, "experiment.json");
  fs.writeFileSync(file, JSON.stringify(EXPERIMENT));
  const local = path.join(tmp, "local");
  const localRun = await runCli(["sweep", file, "--out", local, "--jobs", "2", "--quiet"]);
  assert.equal(localRun.code, 0, localRun.stderr);

  const cluster = path.join(tmp, "cluster");
  const emitted = await runCli(["sweep", file, "--out", cluster, "--emit", "slurm", "--shards", "3", "--jobs", "1", "--max-parallel", "2"]);
  assert.equal(emitted.code, 0, emitted.stderr);
  const script = path.join(cluster, "sweep.sbatch");
  assert.match(fs.readFileSync(script, "utf8"), /#SBATCH --array=0-2%2\n#SBATCH --cpus-per-task=1\n/);
  const submitted = spawnSync("/usr/bin/sbatch", ["--wait", "--parsable", script], { env, encoding: "utf8", timeout: 300_000 });
  const taskLogs = fs.existsSync(path.join(cluster, "slurm")) ? fs.readdirSync(path.join(cluster, "slurm")).map((f) => path.join(cluster, "slurm", f)) : [];
  assert.equal(submitted.status, 0, `sbatch --wait: ${submitted.stderr}\n${taskLogs.map((f) => `--- ${f}\n${fs.readFileSync(f, "utf8")}`).join("\n")}`);
  assert.equal(taskLogs.length, 3, "one log per array task");

  const collected = await runCli(["collect", cluster, "--quiet"]);
  assert.equal(collected.code, 0, collected.stderr);
  for (const table of ["runs.csv", "annual.csv", "monthly.csv"]) {
    assert.equal(fs.readFileSync(path.join(cluster, table), "utf8"), fs.readFileSync(path.join(local, table), "utf8"), table);
  }
  const experiment = parseExperiment(EXPERIMENT);
  for (const run of sweepRuns(expandCells(experiment), experiment.seeds)) assertSameRunDirectory(path.join(cluster, run.dir), path.join(local, run.dir));
});
