import type { Answers, QuestionDef } from '@openday/protocol'
import { optionsOf } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { type Cell, localDateTime, type Sheet } from '../../lib/sheet.ts'
import * as repo from './repository.ts'
import { resultQuestions } from './results.ts'

const KIND_LABEL: Record<string, string> = {
  single: '单选', multiple: '多选', rating: '量表评分', satisfaction: '满意度', ranking: '排序', number: '数值', text: '填空', words: '词语',
}
const CHANNEL_LABEL: Record<string, string> = { online: '网上', paper: '纸质', phone: '电话' }

interface Column { name: string; question: QuestionDef; optionId?: string; value: (v: Answers[string] | undefined) => Cell }

/**
 * A survey's responses as a statistician reads them: one row per response, one column per
 * question (for multiple choice and ranking, one per option), values coded as the codebook sheet
 * says — single choices as option numbers, multiple choices as 1/0, rankings as the rank given.
 * Every response is there, counted or not (the 有效 column says which).
 */
export async function responsesBook(db: Db, s: repo.SurveyRow, timeZone: string): Promise<{ responses: Sheet; codebook: Sheet }> {
  const qs = resultQuestions(s.versions, s.version)
  const cols: Column[] = []
  const code: Cell[][] = []
  for (const { question: q, extra } of qs) {
    const opts = [...optionsOf(q), ...extra]
    const title = q.title
    if (q.kind === 'multiple' || q.kind === 'ranking') {
      opts.forEach((o, i) => {
        const name = `${q.id}_${i + 1}`
        cols.push({ name, question: q, optionId: o.id, value: (v) => (Array.isArray(v) ? (q.kind === 'multiple' ? (v.includes(o.id) ? 1 : 0) : v.indexOf(o.id) + 1 || null) : null) })
        code.push([name, q.id, `${title}：${o.label}`, KIND_LABEL[q.kind]!, q.kind === 'multiple' ? '1=选中；0=未选；空=未作答' : '名次（1 为第一）；空=未排'])
      })
    } else if (q.kind === 'single' || q.kind === 'satisfaction') {
      cols.push({ name: q.id, question: q, value: (v) => (typeof v === 'string' ? opts.findIndex((o) => o.id === v) + 1 || v : null) })
      code.push([q.id, q.id, title, KIND_LABEL[q.kind]!, opts.map((o, i) => `${i + 1}=${o.label}`).join('；')])
    } else {
      cols.push({ name: q.id, question: q, value: (v) => (v === undefined ? null : Array.isArray(v) ? v.join(',') : v) })
      const range = q.kind === 'rating' ? `1–${q.scale}（1=${q.lowLabel || '最低'}，${q.scale}=${q.highLabel || '最高'}）` : q.kind === 'number' ? `数值${q.min !== undefined ? `，最小 ${q.min}` : ''}${q.max !== undefined ? `，最大 ${q.max}` : ''}` : '文字（个人信息已遮蔽）'
      code.push([q.id, q.id, title, KIND_LABEL[q.kind]!, range])
    }
  }
  const numberOf = new Map(s.versions.map((v) => [v.id, v.number]))
  const rows = await repo.allResponses(db, s.id)
  const names = await repo.userNames(db, [...new Set(rows.flatMap((r) => (r.enteredById ? [r.enteredById] : [])))])
  const responses: Sheet = {
    name: '答卷',
    headers: ['编号', '提交时间', '渠道', '录入人', '纸质编号', '问卷版本', '有效', '无效原因', ...cols.map((c) => c.name)],
    rows: rows.map((r, i) => {
      const a = JSON.parse(r.answers) as Answers
      return [
        i + 1, localDateTime(r.createdAt, timeZone), CHANNEL_LABEL[r.channel] ?? r.channel, r.enteredById ? names.get(r.enteredById) ?? '' : '', r.paperRef,
        numberOf.get(r.versionId) ?? '', r.valid ? '是' : '否', r.invalidReason ?? '', ...cols.map((c) => c.value(a[c.question.id])),
      ]
    }),
  }
  const versions = s.versions.map((v) => `第 ${v.number} 版：${localDateTime(v.createdAt, timeZone)}`).join('；')
  const codebook: Sheet = {
    name: '编码说明',
    headers: ['列名', '题目编号', '题目', '题型', '取值说明'],
    rows: [...code, ['', '', `问卷：${s.title}`, '', versions]],
  }
  return { responses, codebook }
}
