import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../paths.js";
import { makeDirectory, writeFileAtomic } from "../files.js";
import { SWEEP_FILES } from "./sweepDirectory.js";

/** A sweep as a Slurm job array: `shards` tasks of `jobs` workers each, at most `maxParallel` at once. */
export interface SlurmOptions {
  /** The sweep directory (on a file system every node sees). */
  dir: string;
  name: string;
  /** Array tasks = shards. */
  shards: number;
  /** Worker processes per task (= --cpus-per-task). */
  jobs: number;
  /** Tasks running at once (the array's `%` limit); null = no limit. */
  maxParallel: number | null;
  format: "csv" | "parquet";
}

const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * An sbatch script for a Slurm job array whose task I of N runs `econagent sweep … --shard I/N` with
 * `--cpus-per-task` workers (`$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`). Tasks share the sweep directory;
 * each writes only its own runs, so a task that is requeued or resubmitted skips what is done. After the array:
 * `econagent collect DIR`.
 *
 * @example
 * slurmScript({ dir: "/scratch/sweeps/top-tax", name: "top-tax", shards: 16, jobs: 4, maxParallel: 8, format: "csv" });
 * // "#!/bin/bash\n#SBATCH --job-name=econagent-top-tax\n#SBATCH --array=0-15%8\n…"
 */
export function slurmScript(options: SlurmOptions): string {
  const { dir, name, shards, jobs, maxParallel } = options;
  const bin = path.join(projectRoot(), "bin", "econagent.js");
  return [
    "#!/bin/bash",
    `#SBATCH --job-name=econagent-${name}`,
    `#SBATCH --array=0-${shards - 1}${maxParallel ? `%${maxParallel}` : ""}`,
    `#SBATCH --cpus-per-task=${jobs}`,
    "#SBATCH --ntasks=1",
    `#SBATCH --output=${path.join(dir, "slurm", "%A_%a.out")}`,
    `# Written by econagent sweep --emit slurm: submit with \`sbatch ${path.join(dir, "sweep.sbatch")}\`, then run`,
    `# \`econagent collect ${dir}\` when the array is done (it lists any run that is missing).`,
    "set -euo pipefail",
    `cd ${sh(process.cwd())}`,
    `exec ${sh(process.execPath)} ${sh(bin)} sweep ${sh(path.join(dir, SWEEP_FILES.experiment))} --out ${sh(dir)} \\`,
    `  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --jobs "\${SLURM_CPUS_PER_TASK:-${jobs}}" --format ${options.format} --quiet`,
    "",
  ].join("\n");
}

/** A sweep as a Kubernetes Indexed Job: `shards` pods of `jobs` workers each, `parallelism` at once, the image, and the ReadWriteMany claim the sweep directory lives on. */
export interface KubernetesOptions {
  name: string;
  /** The experiment file's text (shipped in a ConfigMap). */
  experiment: string;
  shards: number;
  jobs: number;
  /** Pods running at once. */
  parallelism: number;
  image: string;
  /** PersistentVolumeClaim (ReadWriteMany) shared by the pods and later `collect`. */
  claim: string;
  format: "csv" | "parquet";
}

/**
 * A Kubernetes Indexed Job (completionMode: Indexed, completions = shards) whose pod I runs
 * `econagent sweep … --shard $JOB_COMPLETION_INDEX/N`, with the experiment in a ConfigMap and the sweep directory
 * on a shared PersistentVolumeClaim at /sweeps/<name>. Written as a YAML stream of two JSON documents (JSON is YAML;
 * `kubectl apply -f` reads it).
 *
 * @example
 * const docs = kubernetesJob({ name: "top-tax", experiment: text, shards: 8, jobs: 2, parallelism: 4, image: "econagent-ts:0.1.0", claim: "sweeps", format: "csv" });
 */
export function kubernetesJob(options: KubernetesOptions): string {
  const { name, shards, jobs, parallelism } = options;
  const id = `econagent-${name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`.slice(0, 52).replace(/-+$/, "");
  const out = `/sweeps/${name}`;
  const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${id}-experiment` }, data: { [SWEEP_FILES.experiment]: options.experiment } };
  const job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: id, labels: { app: "econagent-sweep", experiment: id } },
    spec: {
      completionMode: "Indexed",
      completions: shards,
      parallelism: Math.min(parallelism, shards),
      backoffLimitPerIndex: 2,
      template: {
        metadata: { labels: { app: "econagent-sweep", experiment: id } },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "sweep",
              image: options.image,
              command: ["sh", "-c"],
              args: [
                `exec npx econagent sweep /experiment/${SWEEP_FILES.experiment} --out ${out} --shard "$JOB_COMPLETION_INDEX/${shards}" --jobs ${jobs} --format ${options.format} --quiet`,
              ],
              resources: { requests: { cpu: String(jobs) }, limits: { cpu: String(jobs) } },
              volumeMounts: [
                { name: "sweeps", mountPath: "/sweeps" },
                { name: "experiment", mountPath: "/experiment", readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: "sweeps", persistentVolumeClaim: { claimName: options.claim } },
            { name: "experiment", configMap: { name: `${id}-experiment` } },
          ],
        },
      },
    },
  };
  return `---\n${JSON.stringify(configMap, null, 2)}\n---\n${JSON.stringify(job, null, 2)}\n`;
}

/** Write an emitted file into the sweep directory (and the Slurm log directory). Returns its path. */
export function writeEmitted(dir: string, file: string, content: string): string {
  if (file.endsWith(".sbatch")) makeDirectory(path.join(dir, "slurm"));
  const target = path.join(dir, file);
  writeFileAtomic(target, content);
  if (file.endsWith(".sbatch")) fs.chmodSync(target, 0o755);
  return target;
}
