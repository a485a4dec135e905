// The sensitive-word filter. The list lives in the database (admin-editable); this module only
// matches. Matching ignores case, full-/half-width differences and separators people insert to
// dodge filters ("敏 感 词", "敏-感-词"), so the check runs on a normalised copy of the text.

const SEPARATORS = /[\s\p{P}\p{S}]/gu

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '')
}

export class SensitiveFilter {
  private readonly words: { word: string; norm: string }[]

  constructor(words: readonly string[]) {
    this.words = words.map((word) => ({ word, norm: normalise(word) })).filter((w) => w.norm.length > 0)
  }

  /** The listed words found in the text (as the admin wrote them), without repeats. */
  hits(text: string): string[] {
    const norm = normalise(text)
    return this.words.filter((w) => norm.includes(w.norm)).map((w) => w.word)
  }
}
