import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { UnitEventDto } from '@openday/protocol'
import { AgendaPanel } from '../agenda/AgendaPanel.tsx'
import { OpinionsPanel } from '../opinions/OpinionsPanel.tsx'
import { PhotosPanel } from '../photos/PhotosPanel.tsx'

/** On the unit's page of a symposium or an observation: the door, the agenda or route, the opinions, the photos. */
export function VenueDayPanels({ event }: { event: UnitEventDto }) {
  const { t } = useTranslation('venue')
  return (
    <>
      <p className="flex flex-wrap gap-2">
        <Link to={`/unit/events/${encodeURIComponent(event.id)}/door`} className="btn-primary" data-testid="to-door">{t('toDoor')}</Link>
      </p>
      <AgendaPanel eventId={event.id} form={event.form} startsAt={event.startsAt} editable={event.editable} />
      <OpinionsPanel eventId={event.id} />
      <PhotosPanel eventId={event.id} editable={event.editable} />
    </>
  )
}
