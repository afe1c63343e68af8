/**
 * A small file system of its own for the disk-full test: tmpfs where mounting is allowed,
 * else a loop-mounted ext4 image. Needs root (or CAP_SYS_ADMIN); `fill()` takes what is left.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallFilesystem { dir: string; kind: 'tmpfs' | 'ext4-loop'; fill(): number; free(): void; destroy(): void }

export function mountSmallFilesystem(sizeMb: number): SmallFilesystem {
  const dir = mkdtempSync(join(tmpdir(), 'parley-fault-disk-'));
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
  let kind: SmallFilesystem['kind'] = 'tmpfs';
  let image: string | null = null;
  if (run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]).status !== 0) {
    kind = 'ext4-loop';
    image = `${dir}.img`;
    const made = run('truncate', ['-s', `${sizeMb}M`, image]).status === 0 && run('mkfs.ext4', ['-q', '-F', image]).status === 0;
    const mounted = made && run('mount', ['-o', 'loop', image, dir]);
    if (!mounted || mounted.status !== 0) {
      rmSync(image, { force: true });
      throw new Error(`cannot mount a small file system here (tmpfs and loop ext4 both refused: ${mounted ? mounted.stderr : 'mkfs failed'}); the disk-full test needs root`);
    }
  }
  const filler = join(dir, 'filler');
  return {
    dir, kind,
    /** Writes until the file system refuses; returns the bytes written. */
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch {
        // ENOSPC: then the last few bytes.
        for (const size of [4096, 512, 1]) {
          try { for (;;) written += writeSync(fd, chunk.subarray(0, size)); } catch { /* next size */ }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free() { rmSync(filler, { force: true }); },
    destroy() {
      run('umount', ['-l', dir]);
      if (image) rmSync(image, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
