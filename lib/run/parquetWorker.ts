/**
 * A worker thread that encodes a Parquet file while the main thread simulates: the main thread builds each
 * block's Arrow table ({@link blockTable}) and hands over its IPC stream (transferred, no copy); the thread streams
 * it through parquet-wasm ({@link ParquetStreamWriter}) and appends the bytes to the file. Encoding is most of the
 * cost of writing decisions.parquet, and the WebAssembly memory it grows never shrinks; in a thread of its own,
 * that memory is returned when the thread ends. The same tables give the same bytes as on the main thread.
 */
import { parentPort, Worker, workerData } from "node:worker_threads";
import type * as Arrow from "apache-arrow";
import { runnableModule } from "../compiled.js";
import { projectRoot } from "../paths.js";
import { arrow, concatParquetFiles, ParquetStreamWriter, type ParquetCodec } from "./parquet.js";

/** How the thread writes its files: the text columns (given a dictionary) and the codec. */
export interface ParquetEncoding {
  textColumns: readonly string[];
  codec: ParquetCodec;
}

/** Tables handed over but not yet taken by the encoder: enough to keep it busy, few enough to keep memory flat. */
export const BLOCKS_IN_FLIGHT = 4;

type ToWorker =
  | { type: "open"; file: string }
  | { type: "ipc"; buffer: ArrayBuffer; offset: number; length: number }
  | { type: "close" }
  | { type: "concat"; files: string[]; target: string };
type FromWorker = { type: "done" } | { type: "failed"; message: string };

/**
 * The thread's program: requests are handled one at a time, in order, and each gets one answer ("done", or
 * "failed" with the error's message, after which the thread stops).
 */
export function serveParquetWorker(): void {
  const port = parentPort!;
  const { textColumns, codec } = workerData as ParquetEncoding;
  let writer: ParquetStreamWriter | null = null;
  let work = Promise.resolve();
  let failed = false;
  const handle = async (m: ToWorker): Promise<void> => {
    if (m.type === "open") writer = new ParquetStreamWriter(m.file, textColumns, codec);
    else if (m.type === "ipc") await writer!.writeIpc(new Uint8Array(m.buffer, m.offset, m.length));
    else if (m.type === "close") {
      await writer!.close();
      writer = null;
    } else await concatParquetFiles(m.files, m.target, textColumns, codec);
  };
  port.on("message", (m: ToWorker) => {
    work = work.then(async () => {
      await handle(m);
      port.postMessage({ type: "done" } satisfies FromWorker);
    });
    work.catch((error: unknown) => {
      if (failed) return;
      failed = true;
      port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
      port.close();
    });
  });
}

/**
 * The main thread's side of a Parquet worker: {@link open} a file, {@link write} tables into it, {@link close} it;
 * {@link concat} joins files. Every call's promise rejects with the thread's error, as a plain one-line Error,
 * if the thread fails or stops — nothing waits for an answer that cannot come.
 * @example
 * const worker = new ParquetWorker({ textColumns: ["job"], codec: "SNAPPY" });
 * worker.open("run/a.parquet");
 * await worker.write(blockTable({ month: new Int32Array([1, 1]), job: new Int32Array([1, -1]) }, { month: "int", job: "text" }, ["intern", "cashier"]));
 * await worker.close();
 * await worker.terminate();
 * readParquetRows("run/a.parquet"); // [{ month: 1, job: "cashier" }, { month: 1, job: null }]
 */
export class ParquetWorker {
  private readonly worker: Worker;
  /** One per request, oldest first: the thread answers in order. */
  private readonly answers: { resolve: () => void; reject: (error: Error) => void; settled: Promise<void> }[] = [];
  private failure: Error | null = null;
  private terminated = false;

  constructor(encoding: ParquetEncoding) {
    // The thread loads this module compiled when the build is fresh, else through tsx (lib/compiled.ts).
    const { file, preload } = runnableModule(projectRoot(), "run/parquetWorker");
    const source = `${preload === null ? "" : `require(${JSON.stringify(preload)}); `}require(${JSON.stringify(file)}).serveParquetWorker();`;
    this.worker = new Worker(source, { eval: true, workerData: encoding });
    this.worker.on("message", (m: FromWorker) => {
      if (m.type === "failed") this.fail(new Error(m.message));
      else this.answers.shift()?.resolve();
    });
    this.worker.on("error", (error) => this.fail(error instanceof Error ? error : new Error(String(error))));
    this.worker.on("exit", (code) => {
      if (!this.terminated) this.fail(new Error(`the Parquet writer thread stopped (exit code ${code})`));
    });
  }

  /** Start a file (the previous one must be closed); throws the thread's error if it has failed. */
  open(file: string): void {
    this.request({ type: "open", file });
  }

  /** Hand a table over, as its IPC stream; resolves once at most {@link BLOCKS_IN_FLIGHT} tables wait. */
  async write(table: Arrow.Table): Promise<void> {
    const ipc = arrow.tableToIPC(table, "stream");
    const buffer = ipc.buffer as ArrayBuffer;
    this.request({ type: "ipc", buffer, offset: ipc.byteOffset, length: ipc.byteLength }, [buffer]);
    while (this.answers.length > BLOCKS_IN_FLIGHT) await this.answers[0].settled;
  }

  /** Write the file's last row group and footer; resolves when the file is complete. */
  async close(): Promise<void> {
    await this.request({ type: "close" });
  }

  /** {@link concatParquetFiles} in the thread, with its text columns and codec. */
  async concat(files: readonly string[], target: string): Promise<void> {
    await this.request({ type: "concat", files: [...files], target });
  }

  /** End the thread (its WebAssembly memory with it). */
  async terminate(): Promise<void> {
    this.terminated = true;
    await this.worker.terminate();
  }

  /** Post a request; the promise settles with its answer. Throws the thread's error once it has failed. */
  private request(message: ToWorker, transfer: ArrayBuffer[] = []): Promise<void> {
    if (this.failure !== null) throw this.failure;
    let answer!: { resolve: () => void; reject: (error: Error) => void };
    const settled = new Promise<void>((resolve, reject) => (answer = { resolve, reject }));
    // Awaited by whoever made the request, or later by write()'s backpressure; never an unhandled rejection.
    settled.catch(() => undefined);
    this.answers.push({ ...answer, settled });
    this.worker.postMessage(message, transfer);
    return settled;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const answer of this.answers.splice(0)) answer.reject(this.failure);
  }
}
