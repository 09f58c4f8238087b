/**
 * Parquet files of a run (`--format parquet`): Arrow tables built with apache-arrow, encoded by parquet-wasm
 * (the Rust parquet crate in WebAssembly), ZSTD by default. Large tables are streamed: record batches go in as the
 * run produces them and leave as row groups of {@link ROW_GROUP_ROWS} rows, so memory stays bounded at any size.
 *
 * Dictionary encoding is off except for text columns: on doubles of high cardinality (wages, savings) it
 * multiplied the encoding time by ten for no gain in size.
 */
import * as fs from "node:fs";
import type * as Arrow from "apache-arrow";
import { lazyModule } from "../lazy.js";

/** Rows per row group: ≈ 40 MB of values for the 19 decision columns. */
export const ROW_GROUP_ROWS = 262_144;

/** The part of parquet-wasm's API used here (its own typings need a resolution mode tslab does not use). */
interface WasmTable {
  recordBatches(): unknown[];
  free(): void;
  intoIPCStream(): Uint8Array;
}
interface ParquetWasm {
  Table: { fromIPCStream(ipc: Uint8Array): WasmTable };
  WriterPropertiesBuilder: new () => WriterPropertiesBuilder;
  Compression: Record<ParquetCodec, number>;
  writeParquet(table: WasmTable, properties: unknown): Uint8Array;
  readParquet(bytes: Uint8Array): WasmTable;
  transformParquetStream(stream: ReadableStream, properties: unknown): Promise<ReadableStream<Uint8Array>>;
  ParquetFile: { fromFile(blob: Blob): Promise<{ stream(options: { batchSize: number }): Promise<ReadableStream<unknown>> }> };
}
interface WriterPropertiesBuilder {
  setCompression(codec: number): WriterPropertiesBuilder;
  setDictionaryEnabled(enabled: boolean): WriterPropertiesBuilder;
  setColumnDictionaryEnabled(column: string, enabled: boolean): WriterPropertiesBuilder;
  setMaxRowGroupSize(rows: number): WriterPropertiesBuilder;
  setCreatedBy(text: string): WriterPropertiesBuilder;
  build(): unknown;
}

/**
 * apache-arrow, loaded on first use like parquet-wasm: commands that write no Parquet never load it.
 *
 * @example
 * new arrow.Table({ x: arrow.makeVector(Float64Array.of(1, 2)) });
 */
export const arrow = lazyModule<typeof Arrow>(() => require("apache-arrow"));

let wasm: ParquetWasm | null = null;
/** Loaded on first use: runs that write CSV never load the WebAssembly module. */
function parquetWasm(): ParquetWasm {
  wasm ??= require("parquet-wasm") as ParquetWasm;
  return wasm;
}

/**
 * Compression codecs used here. ZSTD makes the smallest files; SNAPPY encodes about three times faster in
 * WebAssembly (1.1 against 0.4 µs a decision row here) for files ≈ 15 % larger, which is what lets 12 M decision
 * rows be written at ≥ 1 M rows/s. Every Parquet reader reads both.
 */
export type ParquetCodec = "ZSTD" | "SNAPPY";

/** The codec, row groups of {@link ROW_GROUP_ROWS}, dictionaries only for the named text columns; no version in
 * the file, so identical tables give identical bytes whatever the library version. */
function writerProperties(textColumns: readonly string[], codec: ParquetCodec): unknown {
  const pq = parquetWasm();
  let builder = new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression[codec])
    .setDictionaryEnabled(false)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .setCreatedBy("econagent-ts");
  for (const column of textColumns) builder = builder.setColumnDictionaryEnabled(column, true);
  return builder.build();
}

/**
 * An Arrow IPC stream (e.g. `arrow.tableToIPC(table, "stream")`) in parquet-wasm's memory, as record batches. The
 * wasm table is freed at once: its batches share its buffers (reference-counted), and left to JavaScript's garbage
 * collector every table would keep its buffers in WebAssembly memory — which never shrinks — until a collection
 * that a small JS heap rarely needs.
 */
function toWasmBatches(ipc: Uint8Array): unknown[] {
  const wasmTable = parquetWasm().Table.fromIPCStream(ipc);
  const batches = wasmTable.recordBatches();
  wasmTable.free();
  return batches;
}

/** Arrow column types a run's tables use: whole numbers as 32-bit integers, the rest doubles or text. */
export type ColumnKind = "int" | "double" | "text";

/**
 * An Arrow table from rows of plain values (null = missing), columns in the given order and of the given kinds.
 * @example arrowTable([{ year: 1, rate: 0.5 }], ["year", "rate"], { year: "int" }) // rate: double
 */
export function arrowTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  kinds: Readonly<Record<string, ColumnKind>> = {},
): Arrow.Table {
  const vectors: Record<string, Arrow.Vector> = {};
  for (const column of columns) {
    const kind = kinds[column] ?? "double";
    const type = kind === "int" ? new arrow.Int32() : kind === "text" ? new arrow.Utf8() : new arrow.Float64();
    vectors[column] = arrow.vectorFromArray(
      rows.map((row) => (row[column] === undefined ? null : row[column])),
      type as Arrow.DataType,
    );
  }
  return new arrow.Table(vectors);
}

/**
 * An Arrow text column of `count` values, `textOf(i)` each (null = missing), written straight into one UTF-8
 * buffer with its offsets. `vectorFromArray` over a million household names took seconds and most of a
 * gigabyte in Arrow's builders; this is one pass.
 * @example
 * textVector(3, (i) => (i === 1 ? null : `household ${i}`)).toArray(); // ["household 0", null, "household 2"]
 */
export function textVector(count: number, textOf: (i: number) => string | null): Arrow.Vector<Arrow.Utf8> {
  const encoder = new TextEncoder();
  let data = new Uint8Array(count * 16 + 64);
  const valueOffsets = new Int32Array(count + 1);
  const nullBitmap = new Uint8Array((count + 7) >> 3);
  let p = 0;
  let nullCount = 0;
  for (let i = 0; i < count; i++) {
    const text = textOf(i);
    if (text === null) nullCount++;
    else {
      // UTF-8 takes at most three bytes per UTF-16 unit.
      if (p + 3 * text.length > data.length) {
        const bigger = new Uint8Array(2 * data.length + 3 * text.length);
        bigger.set(data.subarray(0, p));
        data = bigger;
      }
      // ASCII (names, types) character by character: a TextEncoder call per text cost ten times as much.
      let k = 0;
      while (k < text.length && text.charCodeAt(k) < 0x80) {
        data[p + k] = text.charCodeAt(k);
        k++;
      }
      p += k < text.length ? encoder.encodeInto(text, data.subarray(p)).written : k;
      nullBitmap[i >> 3] |= 1 << (i & 7);
    }
    valueOffsets[i + 1] = p;
  }
  return arrow.makeVector(arrow.makeData({ type: new arrow.Utf8(), length: count, nullCount, nullBitmap, valueOffsets, data: data.subarray(0, p) }));
}

/** A column of numbers for {@link blockTable}. */
export type NumberColumn = Float64Array | Int32Array | Int16Array | Uint8Array;

/**
 * An Arrow table from columns of numbers, with no JavaScript value per cell: a double column is the given
 * Float64Array itself (a view, not a copy), a whole-number column an Int32Array (the given one, or a native
 * conversion), and a text column — whose numbers index `texts`, −1 for missing — its UTF-8 bytes, offsets and
 * validity bits written directly. Why: building the decisions' `job` column with `vectorFromArray` from one string
 * a row cost 2.4 µs a row (a CPU profile of 200,000 × 12: half the run in Arrow's builders, UTF-8 encoding and
 * garbage collection); all twelve columns now cost about 0.1 µs. The table shares the given arrays: encode it
 * before they change.
 * @example
 * const table = blockTable({ month: new Int32Array([1, 1]), job: new Int32Array([1, -1]), income: new Float64Array([160, 0]) }, { month: "int", job: "text" }, ["intern", "cashier"]);
 * table.get(0)?.toJSON(); // { month: 1, job: "cashier", income: 160 }
 * table.get(1)?.toJSON(); // { month: 1, job: null, income: 0 }
 */
export function blockTable(
  columns: Readonly<Record<string, NumberColumn>>,
  kinds: Readonly<Record<string, ColumnKind>>,
  texts: readonly string[],
): Arrow.Table {
  // Each text's UTF-8 bytes in a slot of whole 32-bit words (zero-padded), so that a row copies ⌈bytes/4⌉ words.
  const encoder = new TextEncoder();
  const utf8 = texts.map((text) => encoder.encode(text));
  const slotWords = Math.max(1, ...utf8.map((bytes) => Math.ceil(bytes.length / 4)));
  const slots = new Uint8Array(4 * slotWords * Math.max(1, texts.length));
  utf8.forEach((bytes, k) => slots.set(bytes, 4 * slotWords * k));
  const words = new Uint32Array(slots.buffer);
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1; // the words' byte order in memory
  const vectors: Record<string, Arrow.Vector> = {};
  for (const [name, column] of Object.entries(columns)) {
    const rows = column.length;
    const kind = kinds[name] ?? "double";
    if (kind === "double") vectors[name] = arrow.makeVector(column instanceof Float64Array ? column : new Float64Array(column));
    else if (kind === "int") vectors[name] = arrow.makeVector(column instanceof Int32Array ? column : new Int32Array(column));
    else {
      let bytes = 0;
      const index = column instanceof Int32Array ? column : new Int32Array(column); // −1 = missing
      for (let r = 0; r < rows; r++) if (index[r] >= 0) bytes += utf8[index[r]].length;
      // Word by word: three times faster here than byte by byte, and a set() call per row is slower still. A word
      // may run up to 3 bytes past a text's end (the next text overwrites them; the slack is cut off after).
      const out = new DataView(new ArrayBuffer(bytes + 4));
      const valueOffsets = new Int32Array(rows + 1);
      const nullBitmap = new Uint8Array((rows + 7) >> 3);
      let p = 0;
      let nullCount = 0;
      for (let r = 0; r < rows; r++) {
        const k = index[r];
        if (k >= 0) {
          const length = utf8[k].length;
          for (let w = 0, first = k * slotWords; 4 * w < length; w++) out.setUint32(p + 4 * w, words[first + w], littleEndian);
          p += length;
          nullBitmap[r >> 3] |= 1 << (r & 7);
        } else nullCount++;
        valueOffsets[r + 1] = p;
      }
      const data = new Uint8Array(out.buffer, 0, bytes);
      vectors[name] = arrow.makeVector(arrow.makeData({ type: new arrow.Utf8(), length: rows, nullCount, nullBitmap, valueOffsets, data }));
    }
  }
  return new arrow.Table(vectors);
}

/**
 * Write a whole table as one Parquet file, atomically. `dictionaryColumns`: the text columns to dictionary-encode
 * (default all; a column of unique texts, such as names, only pays for the attempt).
 * @example writeParquetFile("run/annual.parquet", arrowTable(simulation.annual, ANNUAL_COLUMNS, { year: "int" }));
 */
export function writeParquetFile(
  file: string,
  table: Arrow.Table,
  codec: ParquetCodec = "ZSTD",
  dictionaryColumns: readonly string[] = table.schema.fields.filter((f) => arrow.DataType.isUtf8(f.type)).map((f) => f.name),
): void {
  const pq = parquetWasm();
  const bytes = pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(table, "stream")), writerProperties(dictionaryColumns, codec));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

/**
 * Read a Parquet file into an apache-arrow table (whole: for the run's small tables, or a notebook's panel).
 * @example readParquetFile("run/monthly.parquet").numRows // months
 */
export function readParquetFile(file: string): Arrow.Table {
  const pq = parquetWasm();
  return arrow.tableFromIPC(pq.readParquet(fs.readFileSync(file)).intoIPCStream());
}

/**
 * A Parquet file's rows as plain objects (numbers, text, null), e.g. to load a `--format parquet` run.
 * @example readParquetRows("run/annual.parquet")[0].year // 2001
 */
export function readParquetRows(file: string): Record<string, number | string | null>[] {
  return readParquetFile(file)
    .toArray()
    .map((row: { toJSON(): Record<string, number | string | null> }) => row.toJSON());
}

/**
 * A Parquet file written as a stream of record batches: each {@link write} hands a batch to parquet-wasm's
 * streaming writer, which emits a row group whenever {@link ROW_GROUP_ROWS} rows have gathered, and the bytes are
 * appended to the file as they come. At most one batch waits, so memory is one row group plus one batch.
 * The same batches and codec always give the same bytes, whichever thread encodes them.
 * @example
 * const writer = new ParquetStreamWriter("run/a.parquet", ["job"]);
 * await writer.write(arrowTable([{ month: 1, job: "cashier" }], ["month", "job"], { month: "int", job: "text" }));
 * await writer.close();
 * readParquetRows("run/a.parquet"); // [{ month: 1, job: "cashier" }]
 */
export class ParquetStreamWriter {
  private readonly queue: { batch: unknown; taken: () => void; fail: (error: unknown) => void }[] = [];
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;
  private ended = false;
  private readonly pump: Promise<void>;

  constructor(readonly file: string, textColumns: readonly string[], codec: ParquetCodec = "ZSTD") {
    const fd = fs.openSync(file, "w");
    const source = new ReadableStream(
      {
        // parquet-wasm pulls the next batch when it is ready for one; the promise settles once there is one.
        pull: (controller) =>
          new Promise<void>((resolve) => {
            const give = () => {
              const next = this.queue.shift();
              if (next !== undefined) {
                controller.enqueue(next.batch);
                next.taken();
                resolve();
              } else if (this.ended) {
                controller.close();
                resolve();
              } else this.wake = give;
            };
            give();
          }),
      },
      { highWaterMark: 0 },
    );
    const bytes = parquetWasm().transformParquetStream(source, writerProperties(textColumns, codec));
    this.pump = (async () => {
      try {
        const reader = (await bytes).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          fs.writeSync(fd, value);
        }
      } catch (error) {
        // Whoever waits for the writer hears of it, now and on every later write.
        this.failure = { error };
        for (const item of this.queue.splice(0)) item.fail(error);
        throw error;
      } finally {
        fs.closeSync(fd);
      }
    })();
    this.pump.catch(() => undefined); // reported by write() and close()
  }

  /** Append an apache-arrow table's rows; resolves once the writer has taken them (backpressure). */
  async write(table: Arrow.Table): Promise<void> {
    await this.writeIpc(arrow.tableToIPC(table, "stream"));
  }

  /** Append the rows of an Arrow IPC stream (what {@link write} makes of a table, e.g. in another thread). */
  async writeIpc(ipc: Uint8Array): Promise<void> {
    await Promise.all(toWasmBatches(ipc).map((batch) => this.push(batch)));
  }

  /** Append batches already in parquet-wasm's memory (e.g. read from another Parquet file). */
  writeWasmBatch(batch: unknown): Promise<void> {
    return this.push(batch);
  }

  /** Write the last row group and the footer; the file is complete when this resolves. */
  async close(): Promise<void> {
    this.ended = true;
    this.signal();
    // Holds the event loop while WebAssembly finishes (its pending promises alone do not).
    const alive = setInterval(() => undefined, 1 << 30);
    try {
      await this.pump;
    } finally {
      clearInterval(alive);
    }
  }

  private push(batch: unknown): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure.error);
    const taken = new Promise<void>((resolve, reject) => this.queue.push({ batch, taken: resolve, fail: reject }));
    this.signal();
    return taken;
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * Concatenate Parquet files (a run's segments) into one, row group by row group through the streaming writer:
 * memory stays at one batch whatever the files' size.
 * @example
 * await concatParquetFiles(["run/a.parquet", "run/b.parquet"], "run/c.parquet", ["job"]);
 * readParquetRows("run/c.parquet"); // a's rows, then b's
 */
export async function concatParquetFiles(
  files: readonly string[],
  target: string,
  textColumns: readonly string[],
  codec: ParquetCodec = "ZSTD",
): Promise<void> {
  const pq = parquetWasm();
  const tmp = `${target}.${process.pid}.tmp`;
  const writer = new ParquetStreamWriter(tmp, textColumns, codec);
  for (const file of files) {
    const parquet = await pq.ParquetFile.fromFile(await fs.openAsBlob(file));
    const reader = (await parquet.stream({ batchSize: 65_536 })).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writer.writeWasmBatch(value);
    }
  }
  await writer.close();
  fs.renameSync(tmp, target);
}
