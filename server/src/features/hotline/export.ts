import type { DataCipher } from '../../lib/crypto.ts'
import type { Sheet } from '../../lib/sheet.ts'
import { localDateTime } from '../../lib/sheet.ts'
import { CALL_SLOT, maskedCallerName, openField } from './dto.ts'
import { DISPOSITION_LABEL, label, ORDER_STATUS_LABEL, SATISFACTION_LABEL } from './labels.ts'
import type { CallExportRow } from './repository.ts'

export const CALL_HEADERS = ['来电时间', '来电人', '电话', '领域', '诉求类型', '地点', '诉求内容', '接听领导', '处理方式', '答复', '承办单位', '办理时限', '状态', '单位答复', '满意度', '重复来电', '话务员'] as const

/** A session's calls as a sheet: masked names and numbers unless `full` (the caller checked who may). */
export function callsSheet(rows: CallExportRow[], opts: { cipher: DataCipher; full: boolean; timeZone: string }): Sheet {
  const { cipher, full, timeZone } = opts
  return {
    name: '来电记录',
    headers: [...CALL_HEADERS],
    rows: rows.map((c) => {
      const wo = c.workOrder
      return [
        localDateTime(c.startedAt, timeZone),
        full ? (c.callerNameCipher ? openField(cipher, c.callerNameCipher, CALL_SLOT.callerName(c.id)) : '') : maskedCallerName(cipher, c.id, c.callerNameCipher) ?? '',
        full ? openField(cipher, c.phoneCipher, CALL_SLOT.phone(c.id)) : c.phoneMasked,
        c.domain.name,
        c.appealType.name,
        c.location ?? '',
        c.content,
        c.leader,
        label(DISPOSITION_LABEL, c.disposition),
        c.reply ?? '',
        wo?.unit.name ?? '',
        wo ? localDateTime(wo.dueAt, timeZone) : '',
        wo ? label(ORDER_STATUS_LABEL, wo.status) : '已现场答复',
        wo?.reply ?? '',
        label(SATISFACTION_LABEL, wo?.satisfaction),
        c.repeatCount,
        c.operator.displayName,
      ]
    }),
  }
}
