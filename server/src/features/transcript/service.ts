import type { PostTranscript, TranscriptEntryDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { insertEvents, reserveSeq, type StoredEvent } from '../live/repository.ts'
import { assertWritable, WRITE_WINDOW } from '../sessions/state.ts'
import { toEntryDto } from './dto.ts'
import * as repo from './repository.ts'
import * as uploads from '../uploads/repository.ts'

export function createTranscriptService(db: Db) {
  return {
    /** Posts one entry of the live record; a retry with the same clientId returns the stored entry. */
    async post(input: PostTranscript, actor: Actor): Promise<{ entry: TranscriptEntryDto; events: StoredEvent[] }> {
      return inTransaction(db, async (tx) => {
        const existing = await repo.findByClientId(tx, input.sessionId, input.clientId)
        if (existing) return { entry: toEntryDto(existing), events: [] }
        const { status, firstSeq } = await reserveSeq(tx, input.sessionId, 1)
        assertWritable(status, WRITE_WINDOW.live)
        if (input.uploadId) {
          const upload = await uploads.findById(tx, input.uploadId)
          if (!upload || upload.sessionId !== input.sessionId) throw new AppError('BAD_REQUEST', 'the picture was not uploaded to this session')
        }
        const row = await repo.create(tx, {
          sessionId: input.sessionId, clientId: input.clientId, speaker: input.speaker, speakerName: input.speakerName,
          body: input.body, uploadId: input.uploadId ?? null, authorId: actor.id,
        })
        const entry = toEntryDto(row)
        const events = await insertEvents(tx, input.sessionId, firstSeq, [{ type: 'transcript:posted', audience: 'public', payload: entry }])
        return { entry, events }
      })
    },
    async list(sessionId: string): Promise<TranscriptEntryDto[]> {
      return (await repo.listBySession(db, sessionId)).map(toEntryDto)
    },
  }
}
export type TranscriptService = ReturnType<typeof createTranscriptService>
