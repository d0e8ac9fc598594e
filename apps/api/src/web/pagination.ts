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
