import { ARCHIVE_PAGE_MAX, type ArchiveListItemDto, type ArchiveListPageDto } from '@openday/protocol'

/** `?size=` of the archive list's address, when it is a size the server accepts; otherwise the server's default. */
export function pageSizeFrom(param: string | null): number | undefined {
  if (param === null || !/^\d+$/.test(param)) return undefined
  const n = Number(param)
  return n >= 1 && n <= ARCHIVE_PAGE_MAX ? n : undefined
}

/** The list so far with the next page added (a session already shown stays where it is). */
export function appendPage(shown: ArchiveListItemDto[], page: ArchiveListPageDto): ArchiveListItemDto[] {
  const seen = new Set(shown.map((i) => i.session.id))
  return [...shown, ...page.items.filter((i) => !seen.has(i.session.id))]
}
