/**
 * `econagent sweep --emit k8s`: a Kubernetes Indexed Job over a shared volume, checked field by field (no
 * cluster here); the Slurm script's directives (the real cluster runs it in slurm.test.ts).
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-emit-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const EXPERIMENT = { name: "Top_tax", base: { households: 10, months: 12 }, grid: { taxYear: [2019, 2022] }, seeds: { from: 1, count: 5 } };

test("--emit k8s writes a ConfigMap with the experiment and an Indexed Job of --shards completions on a shared claim", async () => {
  const file = path.join(tmp, "top.json");
  const text = JSON.stringify(EXPERIMENT, null, 1);
  fs.writeFileSync(file, text);
  const out = path.join(tmp, "k8s");
  const result = await runCli(["sweep", file, "--out", out, "--emit", "k8s", "--shards", "4", "--jobs", "2", "--max-parallel", "3", "--image", "registry.example/econagent:1", "--claim", "sweeps-rwx"]);
  assert.equal(result.code, 0, result.stderr);
  const yaml = path.join(out, "sweep.k8s.yaml");
  assert.equal(result.stdout, `10 runs in 4 tasks → ${yaml}\nsubmit: kubectl apply -f ${yaml}\nthen:   econagent collect /sweeps/Top_tax\n`);
  const documents = fs.readFileSync(yaml, "utf8").split(/^---\n/m).filter((d) => d.trim() !== "").map((d) => JSON.parse(d));
  assert.equal(documents.length, 2);
  const [configMap, job] = documents;
  assert.equal(configMap.kind, "ConfigMap");
  assert.equal(configMap.metadata.name, "econagent-top-tax-experiment");
  assert.equal(configMap.data["experiment.json"], text, "the experiment's exact bytes, so the pods' SHA-256 matches");
  assert.equal(job.apiVersion, "batch/v1");
  assert.equal(job.kind, "Job");
  assert.equal(job.spec.completionMode, "Indexed");
  assert.equal(job.spec.completions, 4);
  assert.equal(job.spec.parallelism, 3);
  const pod = job.spec.template.spec;
  assert.equal(pod.restartPolicy, "Never");
  const [container] = pod.containers;
  assert.equal(container.image, "registry.example/econagent:1");
  assert.deepEqual(container.command, ["sh", "-c"]);
  assert.equal(container.args[0], 'exec npx econagent sweep /experiment/experiment.json --out /sweeps/Top_tax --shard "$JOB_COMPLETION_INDEX/4" --jobs 2 --format csv --quiet');
  assert.deepEqual(container.resources.requests, { cpu: "2" });
  assert.deepEqual(container.volumeMounts, [{ name: "sweeps", mountPath: "/sweeps" }, { name: "experiment", mountPath: "/experiment", readOnly: true }]);
  assert.deepEqual(pod.volumes, [
    { name: "sweeps", persistentVolumeClaim: { claimName: "sweeps-rwx" } },
    { name: "experiment", configMap: { name: "econagent-top-tax-experiment" } },
  ]);
  assert.ok(fs.existsSync(path.join(out, "sweep.json")), "the directory is claimed for the experiment");
});

test("--emit slurm writes an array of --shards tasks capped by --max-parallel, --jobs workers each, running the shard of its task id", async () => {
  const file = path.join(tmp, "top.json");
  const out = path.join(tmp, "slurm");
  const result = await runCli(["sweep", file, "--out", out, "--emit", "slurm", "--shards", "20", "--jobs", "4"]);
  assert.equal(result.code, 0, result.stderr);
  const script = fs.readFileSync(path.join(out, "sweep.sbatch"), "utf8");
  assert.match(script, /^#!\/bin\/bash\n#SBATCH --job-name=econagent-Top_tax\n#SBATCH --array=0-9\n#SBATCH --cpus-per-task=4\n/, "no more tasks than runs");
  assert.match(script, /--shard "\$SLURM_ARRAY_TASK_ID\/\$SLURM_ARRAY_TASK_COUNT" --jobs "\$\{SLURM_CPUS_PER_TASK:-4\}"/);
  assert.ok(script.includes(`sweep '${path.join(out, "experiment.json")}' --out '${out}'`));
  assert.ok(fs.statSync(path.join(out, "slurm")).isDirectory(), "the task log directory exists before submission");
});

test("emit flags are refused without --emit, and --shard with it", async () => {
  const file = path.join(tmp, "top.json");
  const a = await runCli(["sweep", file, "--out", path.join(tmp, "x"), "--shards", "3"]);
  assert.equal(a.code, 2);
  assert.equal(a.stderr, 'econagent: --shards: got "3"; allowed: only with --emit slurm or --emit k8s\n');
  const b = await runCli(["sweep", file, "--out", path.join(tmp, "x"), "--emit", "slurm", "--shard", "0/2"]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /^econagent: --shard: got "0\/2"; allowed: no --shard with --emit/);
  assert.equal(fs.existsSync(path.join(tmp, "x")), false);
});
