/**
 * Turns a byte stream into lines (ending in LF, a CR before it dropped), as Buffers so
 * that 8-bit message bytes pass unchanged. A line is scanned for once however many
 * chunks it spans, and a peer sending more than 64 MB that is not read is cut off.
 */
const MAX_PENDING = 64 * 1024 * 1024;

export class LineReader {
  private chunks: Buffer[] = [];
  private waiting: { resolve: (line: Buffer) => void; reject: (err: Error) => void } | null = null;
  private failure: Error | null = null;
  private clean = 0;
  private pending = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.pending += chunk.length;
    // Nothing POP3 sends is longer than a message; a server streaming bytes without end is cut off.
    if (this.pending > MAX_PENDING) this.fail(new Error('the server sent more than 64 MB that nobody read'));
    this.deliver();
  }

  fail(err: Error): void {
    this.failure ??= err;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
  }

  /** The next line if one has arrived, else null. */
  poll(): Buffer | null {
    return this.waiting ? null : this.take();
  }

  next(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  private deliver(): void {
    if (!this.waiting) return;
    const line = this.take();
    if (line) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve(line);
    } else if (this.failure) {
      this.fail(this.failure);
    }
  }

  private take(): Buffer | null {
    // Chunks before `clean` are known to hold no LF: a long line is not rescanned per chunk.
    for (let i = this.clean; i < this.chunks.length; i++) {
      const at = this.chunks[i].indexOf(0x0a);
      if (at === -1) { this.clean = i + 1; continue; }
      const head = this.chunks[i].subarray(0, at);
      const rest = this.chunks[i].subarray(at + 1);
      const line = i === 0 ? head : Buffer.concat([...this.chunks.slice(0, i), head]);
      this.chunks = rest.length ? [rest, ...this.chunks.slice(i + 1)] : this.chunks.slice(i + 1);
      this.clean = 0;
      this.pending -= at + 1 + (line.length - head.length);
      return line.length && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
    }
    return null;
  }
}

