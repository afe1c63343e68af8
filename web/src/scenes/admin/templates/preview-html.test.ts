import { describe, expect, it } from 'vitest';
import { withoutInlineStyles } from './preview-html.ts';

describe('withoutInlineStyles', () => {
  it('drops style attributes of every quoting from tags', () => {
    expect(withoutInlineStyles('<hr style="border:none"><p class="x" style=\'color:#666\'>Hi</p><b style=bold>b</b>'))
      .toEqual({ html: '<hr><p class="x">Hi</p><b>b</b>', hadStyles: true });
  });
  it('leaves text that talks about styles alone', () => {
    const html = '<p title="a > b">Use style="bold" here</p>';
    expect(withoutInlineStyles(html)).toEqual({ html, hadStyles: false });
  });
});
