import { useEffect } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { OpinionStaffDto, UnitOptionDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { attendanceApi } from '../attendance/api.ts'
import { request } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { OpinionList } from './OpinionList.tsx'
import { RecordForm } from './RecordForm.tsx'
import { opinionsApi } from './api.ts'

/** Participants send theirs from their phones: the list is asked for again this often. */
const REFRESH_MS = 10_000

/** The recorder's entry and the opinions of a symposium or an observation, for the event's people. */
export function OpinionsPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation('venue')
  const people = useAsync(() => attendanceApi.view(eventId), `opinion-people:${eventId}`)
  const list = useAsync(() => opinionsApi.list(eventId), `opinions:${eventId}`)
  const units = useAsync(() => (people.data?.canManage ? request<UnitOptionDto[]>('GET', '/api/units') : Promise.resolve([])), `units:${people.data?.canManage ? 'y' : 'n'}`)
  const reloadList = list.reload
  useEffect(() => {
    const timer = setInterval(reloadList, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reloadList])
  if ((people.loading && !people.data) || (list.loading && !list.data)) return <Loading />
  if (people.error && !people.data) return <ErrorMessage error={people.error} onRetry={people.reload} />
  if (list.error && !list.data) return <ErrorMessage error={list.error} onRetry={reloadList} />
  const changed = (o: OpinionStaffDto) => list.setData((all = []) => (all.some((x) => x.id === o.id) ? all.map((x) => (x.id === o.id ? o : x)) : [...all, o]))
  return (
    <section className="card space-y-4 p-4" aria-labelledby="opinions-title" data-testid="opinions-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="opinions-title" className="section-title">{t('opinions.title')}</h2>
        <Link to={`/unit/events/${encodeURIComponent(eventId)}/door`} className="ml-auto text-sm text-accent underline" data-testid="opinions-to-door">{t('opinions.toDoor')}</Link>
      </div>
      <RecordForm eventId={eventId} invitees={people.data?.invitees ?? []} onSaved={changed} />
      <OpinionList eventId={eventId} opinions={list.data ?? []} canManage={!!people.data?.canManage} units={units.data ?? []} onChanged={changed} />
    </section>
  )
}

/** The recorder's page (also reached from the console by the session's staff). */
export function OpinionsPage() {
  const { eventId = '' } = useParams()
  return <div className="space-y-4" data-testid="opinions-page"><OpinionsPanel eventId={eventId} /></div>
}
