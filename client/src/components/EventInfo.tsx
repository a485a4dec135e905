import { useTranslation } from 'react-i18next'
import type { EventDto, GuestDto, UnitDto } from '@openday/protocol'

type HostUnit = UnitDto & { role: 'lead' | 'joint' }

/** Unit names in the reader's language when the unit has an English name. */
export function unitName(unit: UnitDto, lang: string): string {
  return lang === 'en' && unit.nameEn ? unit.nameEn : unit.name
}

export function HostUnits({ units }: { units: HostUnit[] }) {
  const { t, i18n } = useTranslation()
  if (units.length === 0) return null
  // The lead unit first, then joint hosts, as on the printed plan.
  const sorted = [...units].sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
  return (
    <div className="flex flex-wrap items-baseline gap-x-1 text-sm" data-testid="host-units">
      <span className="text-slate-500">{t('event.hostUnits')}</span>
      {sorted.map((u, i) => (
        <span key={u.id} data-testid="host-unit" data-role={u.role} className="text-slate-800">
          {unitName(u, i18n.language)}
          {u.role === 'joint' && <span className="text-xs text-slate-500">{t('event.jointSuffix')}</span>}
          {i < sorted.length - 1 && <span className="text-slate-400">{t('common.listSeparator')}</span>}
        </span>
      ))}
    </div>
  )
}

export function GuestList({ guests }: { guests: GuestDto[] }) {
  const { t } = useTranslation()
  if (guests.length === 0) return null
  return (
    <div data-testid="guest-list">
      <h3 className="mb-1 text-sm text-slate-500">{t('event.guests')}</h3>
      <ul className="space-y-1">
        {guests.map((g) => (
          <li key={g.id} data-testid="guest-item" className="text-sm">
            <span className="font-medium text-slate-900" data-testid="guest-name">{g.name}</span>
            <span className="ml-2 text-slate-600" data-testid="guest-title">{g.title}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function EventDetails({ event }: { event: EventDto }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-2">
      <HostUnits units={event.hostUnits} />
      {event.location && (
        <p className="text-sm" data-testid="event-location">
          <span className="text-slate-500">{t('event.location')}</span>
          <span className="text-slate-800">{event.location}</span>
        </p>
      )}
      {event.summary && <p className="user-text text-sm text-slate-700" data-testid="event-summary">{event.summary}</p>}
      <GuestList guests={event.guests} />
    </div>
  )
}
