/**
 * Writing the decision records month by month, in blocks of {@link CHUNK_ROWS} rows so memory stays flat at any
 * N: as CSV (formatted by worker threads for large months, appended in order) or as Parquet (one streamed file
 * per checkpoint segment, joined into decisions.parquet when the run completes; encoded by a worker thread for
 * large months). Both survive a crash and resume to the same bytes: a checkpoint records the CSV's length or the
 * number of finished Parquet segments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Simulation } from "../economy/simulation.js";
import { CsvWorkers, WORKERS_FROM } from "./csvWorkers.js";
import {
  CHUNK_ROWS,
  csvLayout,
  decisionChunk,
  decisionColumn,
  formatDecisionCsv,
  INTEGER_DECISION_COLUMNS,
  jobTitleList,
  type CsvLayout,
  type DecisionChunk,
} from "./decisionRows.js";
import type { AppendFile } from "../files.js";
import { blockTable, concatParquetFiles, ParquetStreamWriter, type ColumnKind } from "./parquet.js";
import { ParquetWorker, type ParquetEncoding } from "./parquetWorker.js";

/** Writes a run's decision records month by month, as CSV or Parquet, so that a checkpoint can cut and resume them. */
export interface DecisionWriter {
  /** Append the rows of the month just simulated. */
  writeMonth(simulation: Simulation): Promise<void>;
  /** Put everything written so far on disk; returns what the checkpoint records (bytes or segments). */
  checkpoint(): Promise<number>;
  /** The run completed: the file gets its final form. */
  finish(): Promise<void>;
  /** Release files and threads (after finish, or when the run stopped). */
  close(): Promise<void>;
}

/** The blocks [from, to) of a month's recorded rows, {@link CHUNK_ROWS} at most each. */
function* monthBlocks(simulation: Simulation, recorded: Int32Array | null): Generator<[number, number]> {
  const rows = recorded === null ? simulation.state.n : recorded.length;
  for (let from = 0; from < rows; from += CHUNK_ROWS) yield [from, Math.min(rows, from + CHUNK_ROWS)];
}

/** Each recorded household's rows of one month, block by block. */
function* monthChunks(simulation: Simulation, columns: readonly string[], recorded: Int32Array | null): Generator<DecisionChunk> {
  for (const [from, to] of monthBlocks(simulation, recorded)) yield decisionChunk(simulation, columns, recorded, from, to);
}

/**
 * decisions.csv. With {@link WORKERS_FROM} rows a month or more the blocks are formatted by worker threads.
 * @example
 * const writer = new CsvDecisionWriter(open("decisions.csv", csvLine(columns)), columns, null, config.households);
 * await writer.writeMonth(simulation); // after each simulated month
 */
export class CsvDecisionWriter implements DecisionWriter {
  private readonly layout: CsvLayout;
  private readonly workers: CsvWorkers | null;
  /** Blocks being formatted, oldest first; at most two per thread, so memory stays bounded. */
  private readonly pending: Promise<Uint8Array>[] = [];

  constructor(
    private readonly file: AppendFile,
    private readonly columns: readonly string[],
    private readonly recorded: Int32Array | null,
    households: number,
  ) {
    this.layout = csvLayout(columns);
    const rows = recorded === null ? households : recorded.length;
    this.workers = rows >= WORKERS_FROM ? new CsvWorkers(this.layout) : null;
  }

  async writeMonth(simulation: Simulation): Promise<void> {
    for (const chunk of monthChunks(simulation, this.columns, this.recorded)) {
      if (this.workers === null) {
        this.file.appendBytes(formatDecisionCsv(chunk.values, chunk.rows, chunk.columns, this.layout.jobColumn, this.layout.jobCells));
        continue;
      }
      this.pending.push(this.workers.format(chunk));
      while (this.pending.length > 2 * this.workers.size) this.file.appendBytes(await this.pending.shift()!);
    }
  }

  async checkpoint(): Promise<number> {
    while (this.pending.length > 0) this.file.appendBytes(await this.pending.shift()!);
    return this.file.size;
  }

  async finish(): Promise<void> {
    await this.checkpoint();
  }

  async close(): Promise<void> {
    // A stopped run keeps the months already formatted, as it would have without threads.
    await this.checkpoint().catch(() => undefined);
    this.file.close();
    await this.workers?.close();
  }
}

/**
 * The Parquet segment files of decisions.parquet while a run goes on: one per stretch between checkpoints.
 * @example
 * segmentFile("runs/x", 3); // "runs/x/decisions.part-0003.parquet"
 */
export function segmentFile(dir: string, index: number): string {
  return path.join(dir, `decisions.part-${String(index).padStart(4, "0")}.parquet`);
}

/**
 * decisions.parquet. Rows stream into the current segment; a checkpoint completes it (a Parquet file is only
 * readable once its footer is written), and the completed run joins the segments (a run without checkpoints in
 * between, such as 1,000,000 × 12 with its yearly checkpoints, just renames its single segment).
 *
 * Encoded with SNAPPY, not the ZSTD of the run's small tables: ZSTD in WebAssembly was most of the time of
 * writing 12 M rows (1.1 against 0.4 µs a row here), for a file only ≈ 15 % smaller. Each block's Arrow table is
 * built on the main thread from the typed arrays ({@link blockTable}); with {@link WORKERS_FROM} rows a month or
 * more it is encoded by one worker thread ({@link ParquetWorker}) while the main thread simulates, at most
 * `BLOCKS_IN_FLIGHT` blocks ahead; smaller runs encode on the main thread (a thread costs more to start than it
 * saves there). Both give the same bytes.
 * @example
 * const writer = new ParquetDecisionWriter(dir, path.join(dir, "decisions.parquet"), columns, null);
 * await writer.writeMonth(simulation); // into decisions.part-0001.parquet
 * await writer.checkpoint(); // 1: that segment is complete
 * await writer.finish(); // decisions.parquet
 * await writer.close();
 */
export class ParquetDecisionWriter implements DecisionWriter {
  private readonly kinds: Record<string, ColumnKind> = { job: "text" };
  private readonly titles = jobTitleList();
  private readonly encoding: ParquetEncoding = { textColumns: ["job"], codec: "SNAPPY" };
  /** Where the open segment's tables go: a writer on the main thread, or the worker thread; null between segments. */
  private segment: Pick<ParquetStreamWriter, "write" | "close"> | null = null;
  /** Decided at the first month: the size of a month is known then. */
  private worker: ParquetWorker | null | undefined;

  /**
   * `segments`: completed segments to continue after (a resume); later, unfinished ones are removed.
   * `workersFrom`: rows a month from which a worker thread encodes.
   */
  constructor(
    private readonly dir: string,
    private readonly target: string,
    private readonly columns: readonly string[],
    private readonly recorded: Int32Array | null,
    private segments = 0,
    private readonly workersFrom = WORKERS_FROM,
  ) {
    for (let k = 1; k <= segments; k++) {
      if (!fs.existsSync(segmentFile(dir, k))) throw new Error(`${segmentFile(dir, k)} is missing; the checkpoint lists ${segments} segments`);
    }
    for (let k = segments + 1; fs.existsSync(segmentFile(dir, k)); k++) fs.rmSync(segmentFile(dir, k));
    for (const column of columns) if (INTEGER_DECISION_COLUMNS.has(column)) this.kinds[column] = "int";
  }

  async writeMonth(simulation: Simulation): Promise<void> {
    const rows = this.recorded === null ? simulation.state.n : this.recorded.length;
    if (this.worker === undefined) this.worker = rows >= this.workersFrom ? new ParquetWorker(this.encoding) : null;
    const file = segmentFile(this.dir, this.segments + 1);
    if (this.segment === null) {
      if (this.worker === null) this.segment = new ParquetStreamWriter(file, this.encoding.textColumns, this.encoding.codec);
      else {
        this.worker.open(file);
        this.segment = this.worker;
      }
    }
    const segment = this.segment;
    for (const [from, to] of monthBlocks(simulation, this.recorded)) {
      // Views of the simulation's arrays where it has them: both writers take the table's IPC stream at once.
      const columns = Object.fromEntries(this.columns.map((c) => [c, decisionColumn(simulation, c, this.recorded, from, to)]));
      const table = blockTable(columns, this.kinds, this.titles);
      await segment.write(table);
    }
  }

  async checkpoint(): Promise<number> {
    if (this.segment !== null) {
      await this.segment.close();
      this.segment = null;
      this.segments++;
    }
    return this.segments;
  }

  async finish(): Promise<void> {
    await this.checkpoint();
    const parts = Array.from({ length: this.segments }, (_, k) => segmentFile(this.dir, k + 1));
    if (parts.length === 1) fs.renameSync(parts[0], this.target);
    else {
      const { textColumns, codec } = this.encoding;
      await (this.worker ? this.worker.concat(parts, this.target) : concatParquetFiles(parts, this.target, textColumns, codec));
      for (const part of parts) fs.rmSync(part);
    }
  }

  async close(): Promise<void> {
    // An unfinished segment is left as it is: a resume removes it and writes it again.
    if (this.segment instanceof ParquetStreamWriter) await this.segment.close().catch(() => undefined);
    this.segment = null;
    await this.worker?.terminate();
  }
}
