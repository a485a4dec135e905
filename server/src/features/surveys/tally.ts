import { type AnswerValue, type OptionDef, optionsOf, type QuestionDef, type QuestionResultDto, type SurveyTextDto } from '@openday/protocol'
import type { SensitiveFilter } from '../../lib/sensitive.ts'
import { cloudWords } from './words.ts'

// The counting half of the one engine: a survey's results and a poll round's running figures are
// both a Tally per question fed answer by answer. A poll keeps its tallies in memory and adds each
// stored vote (2,000 votes in ten seconds must not mean 2,000 recounts); a survey's results page
// feeds every stored response through the same class.

/** Percent with one decimal, of `of` (0 when nobody answered). */
export const percent = (n: number, of: number): number => (of ? Math.round((n * 1000) / of) / 10 : 0)
const round2 = (n: number) => Math.round(n * 100) / 100

/** How many words a cloud shows. */
export const CLOUD_SIZE = 60

export class Tally {
  answered = 0
  private readonly counts = new Map<string, number>()
  private readonly rankSums = new Map<string, number>()
  private readonly firsts = new Map<string, number>()
  private readonly numbers: number[] = []
  private readonly options: OptionDef[]

  /**
   * `extraOptions`: options older versions of a survey had and this one dropped, so answers given
   * to them still count under their old labels.
   */
  constructor(readonly question: QuestionDef, private readonly filter: SensitiveFilter, extraOptions: readonly OptionDef[] = []) {
    const own = optionsOf(question)
    this.options = [...own, ...extraOptions.filter((o) => !own.some((x) => x.id === o.id))]
  }

  /** One stored (already checked) answer. */
  add(v: AnswerValue): void {
    const q = this.question
    this.answered++
    if (q.kind === 'single' || q.kind === 'satisfaction') {
      if (typeof v === 'string') this.bump(this.counts, v)
    } else if (q.kind === 'multiple') {
      if (Array.isArray(v)) for (const id of v) this.bump(this.counts, id)
    } else if (q.kind === 'ranking') {
      if (Array.isArray(v)) {
        v.forEach((id, i) => { this.bump(this.counts, id); this.bump(this.rankSums, id, i + 1) })
        if (v[0]) this.bump(this.firsts, v[0])
      }
    } else if (q.kind === 'rating' || q.kind === 'number') {
      if (typeof v === 'number') { this.numbers.push(v); this.bump(this.counts, String(v)) }
    } else if (q.kind === 'words') {
      if (typeof v === 'string') for (const w of cloudWords(v, this.filter)) this.bump(this.counts, w)
    }
  }

  private bump(m: Map<string, number>, k: string, by = 1): void {
    m.set(k, (m.get(k) ?? 0) + by)
  }

  /** The figures so far. Free texts are not counted here: they come from their moderation table. */
  result(texts: SurveyTextDto[] = []): QuestionResultDto {
    const { id, kind, title } = this.question
    const answered = this.answered
    const options = () => this.options.map((o) => ({ id: o.id, label: o.label, count: this.counts.get(o.id) ?? 0, percent: percent(this.counts.get(o.id) ?? 0, answered) }))
    switch (kind) {
      case 'single':
      case 'multiple':
        return { id, kind, title, answered, options: options() }
      case 'satisfaction': {
        const good = (this.counts.get('satisfied') ?? 0) + (this.counts.get('basic') ?? 0)
        return { id, kind, title, answered, options: options(), satisfactionRate: answered ? percent(good, answered) : null }
      }
      case 'ranking': {
        const ranked = options().map((o) => {
          const n = this.counts.get(o.id) ?? 0
          return { ...o, meanRank: n ? round2((this.rankSums.get(o.id) ?? 0) / n) : null, first: this.firsts.get(o.id) ?? 0 }
        })
        // Best first: options ranked by more people, then by a better mean rank.
        ranked.sort((a, b) => (a.meanRank === null ? 1 : 0) - (b.meanRank === null ? 1 : 0) || (a.meanRank ?? 0) - (b.meanRank ?? 0) || b.count - a.count)
        return { id, kind, title, answered, options: ranked }
      }
      case 'rating': {
        const scale = this.question.scale ?? 5
        const distribution = Array.from({ length: scale }, (_, i) => {
          const count = this.counts.get(String(i + 1)) ?? 0
          return { value: i + 1, count, percent: percent(count, answered) }
        })
        return { id, kind, title, answered, scale, mean: this.mean(), distribution }
      }
      case 'number': {
        const sorted = [...this.numbers].sort((a, b) => a - b)
        const mid = sorted.length >> 1
        const median = sorted.length ? (sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) : null
        return { id, kind, title, answered, mean: this.mean(), median, min: sorted[0] ?? null, max: sorted.at(-1) ?? null }
      }
      case 'text':
        return { id, kind, title, answered, texts }
      case 'words': {
        const words = [...this.counts].map(([word, count]) => ({ word, count }))
          .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'zh-CN')).slice(0, CLOUD_SIZE)
        return { id, kind, title, answered, words }
      }
    }
  }

  private mean(): number | null {
    return this.numbers.length ? round2(this.numbers.reduce((a, b) => a + b, 0) / this.numbers.length) : null
  }
}
