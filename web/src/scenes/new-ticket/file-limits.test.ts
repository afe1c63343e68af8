import { describe, expect, it } from 'vitest';
import { checkFiles } from './file-limits.ts';

const file = (name: string, type: string, bytes: number) => new File([new Uint8Array(bytes)], name, { type });
const limits = { max_file_size: 1000, allowed_mime_types: ['image/*', 'application/pdf', 'text/plain'] };

describe('checkFiles', () => {
  it('keeps the files within the limits and names each refused one with its reason', () => {
    const ok = file('shot.png', 'image/png', 1000);
    const { accepted, refused } = checkFiles([ok, file('big.pdf', 'application/pdf', 1001), file('tool.exe', 'application/x-msdownload', 10)], limits);
    expect(accepted).toEqual([ok]);
    expect(refused).toEqual([{ name: 'big.pdf', reason: 'size', size: 1001 }, { name: 'tool.exe', reason: 'type', type: 'application/x-msdownload' }]);
  });

  it('judges a file the browser gives no type by its name, as the server does', () => {
    expect(checkFiles([file('server.log', '', 5)], limits).accepted).toHaveLength(1);
    expect(checkFiles([file('notes.unknownext', '', 5)], limits).refused).toEqual([{ name: 'notes.unknownext', reason: 'type', type: 'application/octet-stream' }]);
    expect(checkFiles([file('Photo.JPG', 'Image/JPEG', 5)], limits).accepted).toHaveLength(1);
  });

  it('refuses by type first: a forbidden file is refused for what it is, whatever its size', () => {
    expect(checkFiles([file('big.exe', 'application/x-msdownload', 5000)], limits).refused[0]?.reason).toBe('type');
  });
});
