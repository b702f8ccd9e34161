/**
 * What a person does with the mouse in the reading view, for the end-to-end specs: select a
 * passage by dragging across it.
 */
import type { Page } from '@playwright/test';

/**
 * Selects `quote` in the reading view with the mouse (from inside its first character to inside its
 * last), as a person drags across it.
 */
export async function dragSelect(page: Page, quote: string): Promise<void> {
  const locate = () =>
    page.evaluate((quote) => {
      const segments = [...document.querySelectorAll<HTMLElement>('[data-wb-article] [data-s]')];
      let text = '';
      for (const segment of segments) {
        const start = Number(segment.dataset.s);
        while (text.length < start) text += '\n';
        text += segment.textContent;
      }
      const at = text.indexOf(quote);
      if (at < 0) throw new Error(`Not in the article: ${quote}`);
      const find = (offset: number) => {
        for (const segment of segments) {
          const start = Number(segment.dataset.s);
          const node = segment.firstChild as Text;
          if (offset >= start && offset < start + node.length) return { node, offset: offset - start };
        }
        throw new Error(`No segment holds ${offset}`);
      };
      const rectOf = ({ node, offset }: { node: Text; offset: number }) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getClientRects()[0] ?? range.getBoundingClientRect();
      };
      const first = find(at);
      const last = find(at + quote.length - 1);
      first.node.parentElement!.scrollIntoView({ block: 'center' });
      const a = rectOf(first);
      const b = rectOf(last);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }, quote);
  await locate();
  // Let what scrolled into view be laid out, then measure again.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const points = await locate();
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}
