import type { SummaryBlock, SummaryFiguresDto } from '@openday/protocol'
import { dateLabel, formLabel } from '../calendar/labels.ts'

/**
 * The draft a unit starts from: the event's facts as the records hold them, and the headings the
 * office's summaries follow. The figures are not in the text: they are tables counted from the
 * records (and kept with each submitted version), so nobody types a number.
 */
export function draftBlocks(f: SummaryFiguresDto, timeZone: string): SummaryBlock[] {
  const date = dateLabel(new Date(f.event.startsAt), timeZone)
  const lead = f.event.units.filter((u) => u.role === 'lead').map((u) => u.name).join('、')
  const joint = f.event.units.filter((u) => u.role === 'joint').map((u) => u.name).join('、')
  const guests = f.event.guests.map((g) => `${g.title}${g.name}`).join('、')
  const intro = `${date}，${lead}${joint ? `联合${joint}` : ''}以“${f.event.theme}”为主题，采取${formLabel(f.event.form)}形式开展政务公开主题日活动${guests ? `，${guests}参加` : ''}。`
  const blocks: SummaryBlock[] = [
    { type: 'heading', text: '一、活动基本情况' },
    { type: 'paragraph', text: intro },
    { type: 'heading', text: '二、主要做法' },
    { type: 'paragraph', text: '（请写明活动的筹备、组织、宣传和互动情况。）' },
    { type: 'heading', text: '三、活动成效' },
    { type: 'paragraph', text: '活动的参与、答复和办理情况见所附统计表。' },
    { type: 'heading', text: '四、经验做法和下一步打算' },
    { type: 'paragraph', text: '（请写明可复制推广的经验和下一步工作打算。）' },
  ]
  const photo = f.photos[0]
  if (photo) blocks.splice(6, 0, { type: 'photo', uploadId: photo.uploadId, caption: photo.caption })
  return blocks
}
