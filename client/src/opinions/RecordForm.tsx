import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { INVITEE_CATEGORIES, type InviteeCategory, type InviteeDto, type OpinionStaffDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { newClientId } from '../lib/ids.ts'
import { useAction } from '../lib/useAction.ts'
import { opinionsApi } from './api.ts'

/**
 * The recorder's entry during the meeting: pick who spoke (a checked-in invitee) or write a name
 * and a category, then what they said. The clientId is kept until the save succeeds, so a retry
 * after a lost answer stores the opinion once.
 */
export function RecordForm({ eventId, invitees, onSaved }: { eventId: string; invitees: InviteeDto[]; onSaved: (o: OpinionStaffDto) => void }) {
  const { t } = useTranslation('venue')
  const { t: ta } = useTranslation('attendance')
  const [inviteeId, setInviteeId] = useState('')
  const [speaker, setSpeaker] = useState('')
  const [category, setCategory] = useState<InviteeCategory>('citizen')
  const [body, setBody] = useState('')
  const [clientId, setClientId] = useState(newClientId)
  const { busy, error, run } = useAction<OpinionStaffDto>(onSaved)
  const present = invitees.filter((i) => i.status === 'confirmed' && i.checkedInAt)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(() => opinionsApi.record(eventId, { clientId, inviteeId: inviteeId || null, speaker: inviteeId ? '' : speaker, category, body }), () => {
      setBody(''); setClientId(newClientId())
    })
  }
  return (
    <form onSubmit={submit} className="space-y-2" data-testid="opinion-record-form" noValidate>
      <div className="grid gap-2 sm:grid-cols-3">
        <div><label className="label" htmlFor="op-who">{t('opinions.who')}</label>
          <select id="op-who" className="input" value={inviteeId} onChange={(e) => setInviteeId(e.target.value)} data-testid="opinion-invitee">
            <option value="">{t('opinions.otherSpeaker')}</option>
            {present.map((i) => <option key={i.id} value={i.id}>{i.name}（{ta(`categories.${i.category}`)}）</option>)}
          </select></div>
        {!inviteeId && (
          <>
            <div><label className="label" htmlFor="op-speaker">{t('opinions.speaker')}</label><input id="op-speaker" className="input" maxLength={40} value={speaker} onChange={(e) => setSpeaker(e.target.value)} data-testid="opinion-speaker" /></div>
            <div><label className="label" htmlFor="op-cat">{ta('category')}</label>
              <select id="op-cat" className="input" value={category} onChange={(e) => setCategory(e.target.value as InviteeCategory)} data-testid="opinion-category">
                {INVITEE_CATEGORIES.map((c) => <option key={c} value={c}>{ta(`categories.${c}`)}</option>)}
              </select></div>
          </>
        )}
      </div>
      <div><label className="label" htmlFor="op-body">{t('opinions.body')}</label>
        <textarea id="op-body" className="input min-h-24" maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} data-testid="opinion-body" /></div>
      <button type="submit" className="btn-primary" disabled={busy || !body.trim()} data-testid="opinion-save">{t('opinions.record')}</button>
      {error && <ErrorMessage error={error} text={error.message} />}
    </form>
  )
}
