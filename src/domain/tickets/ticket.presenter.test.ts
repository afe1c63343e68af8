import { describe, expect, it } from 'vitest';
import type { AttachmentRow } from '../attachments/attachments.repo.ts';
import { linkInlineImages } from './ticket.presenter.ts';

describe('linkInlineImages', () => {
  it('points cid: images at the stored attachment', () => {
    const a = { id: 'a1', content_id: 'logo@mail' } as AttachmentRow;
    expect(linkInlineImages('<p><img src="cid:logo@mail" /><img src="cid:other" /></p>', [a]))
      .toBe('<p><img src="/tickets/api/attachments/a1/?inline=1" /><img src="cid:other" /></p>');
  });
});
