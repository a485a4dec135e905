import type { DataCipher } from '../../lib/crypto.ts'
import { localDateTime, type Sheet } from '../../lib/sheet.ts'
import { CALL_SLOT, maskedCallerName, openField } from '../hotline/dto.ts'
import { label, ORDER_STATUS_LABEL, SATISFACTION_LABEL } from '../hotline/labels.ts'
import type { OrderRow } from './repository.ts'
import { isOverdue } from './state.ts'

export const ORDER_HEADERS = ['工单编号', '来电时间', '来电人', '电话', '领域', '诉求类型', '诉求内容', '承办单位', '办理时限', '状态', '是否超期', '答复', '答复时间', '满意度', '回访说明', '退回次数', '办结时间'] as const

export function ordersSheet(rows: OrderRow[], opts: { cipher: DataCipher; full: boolean; timeZone: string; now: Date }): Sheet {
  const { cipher, full, timeZone, now } = opts
  return {
    name: '工单',
    headers: [...ORDER_HEADERS],
    rows: rows.map((o) => [
      o.id,
      localDateTime(o.call.startedAt, timeZone),
      full ? (o.call.callerNameCipher ? openField(cipher, o.call.callerNameCipher, CALL_SLOT.callerName(o.callId)) : '') : maskedCallerName(cipher, o.callId, o.call.callerNameCipher) ?? '',
      full ? openField(cipher, o.call.phoneCipher, CALL_SLOT.phone(o.callId)) : o.call.phoneMasked,
      o.call.domain.name,
      o.call.appealType.name,
      o.call.content,
      o.unit.name,
      localDateTime(o.dueAt, timeZone),
      label(ORDER_STATUS_LABEL, o.status),
      isOverdue(o, now) ? '是' : '否',
      o.reply ?? '',
      localDateTime(o.repliedAt, timeZone),
      label(SATISFACTION_LABEL, o.satisfaction),
      o.callbackNote ?? '',
      o.reopenCount,
      localDateTime(o.closedAt, timeZone),
    ]),
  }
}
