import { formText } from './page';

/** Far past the last page of any listing, and small enough that its offset stays a safe number. */
const LAST_PAGE_READ = 1_000_000;

/**
 * The page a link asks for (`?page=3`): a whole number from 1, else the first page. `1e400`, `-1`
 * or a number past any listing's end would otherwise reach the database as an offset it refuses.
 */
export function pageNumberOf(value: unknown): number {
  const text = formText(value);
  if (!/^\d{1,7}$/.test(text)) return 1;
  return Math.min(Math.max(1, Number(text)), LAST_PAGE_READ);
}

/** GOV.UK pagination: previous, next and the pages around this one, each a link that keeps the filters. */
export function pagination(page: number, pages: number, href: (page: number) => string) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages);
  const items: object[] = [];
  shown.forEach((number, index) => {
    if (index > 0 && number - shown[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number, href: href(number), current: number === page });
  });
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  };
}
