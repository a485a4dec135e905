import { useTranslation } from 'react-i18next'
import type { ReplyTaskDto } from '@openday/protocol'

const CLASS: Record<ReplyTaskDto['state'], string> = {
  open: 'bg-slate-100 text-slate-700', draft: 'bg-slate-100 text-slate-800', checking: 'bg-blue-100 text-blue-800',
  published: 'bg-green-100 text-green-800', dismissed: 'bg-slate-200 text-slate-700',
}

/** The task's state, and "overdue" / "late" where the deadline was missed. */
export function ReplyStateBadge({ task }: { task: ReplyTaskDto }) {
  const { t } = useTranslation('replies')
  return (
    <span className="inline-flex gap-1">
      <span className={`rounded px-1.5 py-0.5 text-xs ${CLASS[task.state]}`} data-testid="reply-state" data-state={task.state}>{t(`state.${task.state}`)}</span>
      {task.overdue && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800" data-testid="reply-overdue">{t('overdue')}</span>}
      {task.onTime === false && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-testid="reply-late">{t('late')}</span>}
    </span>
  )
}
