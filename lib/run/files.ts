import * as fs from "node:fs";
import * as path from "node:path";

/** Write a file so that readers see either the old content or the whole new content, never a torn write. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n");
}

/**
 * An append-only file written synchronously line batch by line batch: after a crash everything appended so
 * far is on disk.
 */
export class AppendFile {
  private readonly fd: number;
  constructor(readonly file: string, header: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, "w");
    fs.writeSync(this.fd, header);
  }
  append(text: string): void {
    if (text.length > 0) fs.writeSync(this.fd, text);
  }
  close(): void {
    fs.closeSync(this.fd);
  }
}
