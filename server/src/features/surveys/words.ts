import { maskPersonalData } from '../../lib/mask.ts'
import type { SensitiveFilter } from '../../lib/sensitive.ts'

// Word clouds from short Chinese answers. Chinese has no spaces, so words come from ICU's
// dictionary-based segmenter (Intl.Segmenter, built into Node and every browser): "公共交通更方便"
// is 公共|交通|更|方便, not seven characters or one blob. Function words carry no opinion and would
// top every cloud, so they are dropped, as are words the office lists as sensitive and anything
// that looks like personal data (a phone number typed into a cloud).

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' })

/** Particles, pronouns and fillers (a short list in the spirit of the common Chinese stop-word lists). */
export const STOP_WORDS = new Set([
  '的', '了', '是', '在', '和', '与', '及', '或', '也', '就', '都', '而', '着', '过', '吗', '呢', '吧', '啊', '呀', '哦', '嗯',
  '我', '你', '他', '她', '它', '我们', '你们', '他们', '她们', '大家', '自己', '这', '那', '这个', '那个', '这些', '那些', '这样', '那样',
  '一个', '一些', '有', '没有', '很', '太', '更', '最', '还', '又', '再', '把', '被', '让', '给', '对', '从', '向', '为', '以', '于', '之',
  '能', '会', '要', '想', '希望', '可以', '应该', '就是', '还是', '但是', '因为', '所以', '如果', '而且', '并且', '不', '没', '非常', '比较',
  'the', 'a', 'an', 'and', 'or', 'of', 'to', 'is', 'are', 'in', 'on', 'for', 'it', 'be', 'i', 'we', 'you',
])

/** The words of one answer worth counting, each once (one person saying 停车 twice is one voice). */
export function cloudWords(text: string, filter: SensitiveFilter): string[] {
  const masked = maskPersonalData(text)
  const words = new Set<string>()
  for (const s of segmenter.segment(masked.normalize('NFKC'))) {
    if (!s.isWordLike) continue
    const w = s.segment.toLowerCase()
    // Digits and masked numbers say nothing in a cloud; a single Latin letter neither.
    if (/[\d*]/.test(w) || /^[a-z]$/.test(w) || STOP_WORDS.has(w)) continue
    if (filter.hits(w).length) continue
    words.add(w)
  }
  // A sensitive phrase the segmenter split across words is still caught on the whole answer.
  if (words.size && filter.hits(masked).length) {
    const hits = filter.hits(masked)
    return [...words].filter((w) => !hits.some((h) => h.includes(w) || w.includes(h)))
  }
  return [...words]
}
