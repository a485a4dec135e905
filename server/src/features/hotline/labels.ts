// Chinese labels for spreadsheets (the city office's own wording); the UI has its own i18n.

export const DISPOSITION_LABEL: Record<string, string> = { answered: '现场答复', handed_off: '转办' }
export const ORDER_STATUS_LABEL: Record<string, string> = { assigned: '待签收', accepted: '办理中', replied: '已答复待回访', closed: '已办结' }
export const SATISFACTION_LABEL: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }

export const label = (map: Record<string, string>, v: string | null | undefined) => (v ? map[v] ?? v : '')
