import type { StageDecide, StageRequestDto, StageRequestStatus } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPersonalData } from '../../lib/mask.ts'
import type { Actor } from '../auth/actor.ts'
import { visibleTo } from '../sessions/visibility.ts'
import * as audit from '../audit/repository.ts'
import * as citizens from '../citizens/repository.ts'
import type { StageRequest } from '../../generated/sqlite/client.ts'
import * as repo from './repository.ts'

export function toStageRequestDto(r: StageRequest): StageRequestDto {
  return {
    id: r.id,
    sessionId: r.sessionId,
    nickname: r.nickname,
    status: r.status as StageRequestStatus,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }
}

/** Which decision may follow which status; anything else is a CONFLICT. */
const DECISIONS: Record<StageDecide['decision'], { from: StageRequestStatus[]; to: StageRequestStatus }> = {
  approve: { from: ['requested'], to: 'approved' },
  decline: { from: ['requested'], to: 'declined' },
  remove: { from: ['approved'], to: 'removed' },
}

/**
 * Citizens' requests to speak on stage (连麦). Stored, so that a host's decision survives a
 * reconnect or a restart, and the audit log says who let whom on stage.
 */
export function createStageService(db: Db) {
  return {
    /** A citizen asks to speak. One open request per citizen and session: asking again returns it. */
    async request(sessionId: string, tokenHash: string, nickname: string, actor: Actor | null = null): Promise<StageRequest> {
      return inTransaction(db, async (tx) => {
        const session = await repo.findSessionForStage(tx, sessionId)
        // Not visible to this viewer (sessions/visibility.ts): exactly as a missing session.
        if (!session || !(await visibleTo(db, session, actor))) throw new AppError('NOT_FOUND', 'no such session')
        if (session.kind !== 'video_interview') throw new AppError('CONFLICT', 'this session has no stage')
        if (session.status !== 'live') throw new AppError(session.status === 'scheduled' ? 'CONFLICT' : 'SESSION_CLOSED', 'the session is not live')
        const citizenId = (await citizens.ensureMany(tx, [tokenHash])).get(tokenHash)!
        return (await repo.findOpen(tx, sessionId, citizenId)) ??
          repo.create(tx, { sessionId, citizenId, nickname: maskPersonalData(nickname) })
      })
    },

    async cancel(sessionId: string, citizenId: string | null): Promise<StageRequest> {
      return inTransaction(db, async (tx) => {
        const open = citizenId ? await repo.findOpen(tx, sessionId, citizenId) : null
        if (!open) throw new AppError('NOT_FOUND', 'no open request to speak')
        return repo.setStatus(tx, open.id, 'cancelled')
      })
    },

    /** The host's decision; the caller has checked the host role for the request's session. */
    async decide(requestId: string, decision: StageDecide['decision'], actor: Actor, ip: string | null): Promise<StageRequest> {
      return inTransaction(db, async (tx) => {
        const r = await repo.findById(tx, requestId)
        if (!r) throw new AppError('NOT_FOUND', 'no such request')
        const rule = DECISIONS[decision]
        if (!rule.from.includes(r.status as StageRequestStatus)) throw new AppError('CONFLICT', `cannot ${decision} a request that is ${r.status}`)
        const updated = await repo.setStatus(tx, r.id, rule.to, actor.id)
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: `stage.${decision}`, targetType: 'StageRequest', targetId: r.id, detail: { sessionId: r.sessionId }, ip })
        return updated
      })
    },

    find: (requestId: string) => repo.findById(db, requestId),
    /** The citizen's latest request in a session, whatever its state. */
    mine: async (sessionId: string, citizenId: string | null) => (citizenId ? repo.findLatest(db, sessionId, citizenId) : null),
    isOnStage: async (sessionId: string, citizenId: string | null) => (citizenId ? repo.findApproved(db, sessionId, citizenId) : null),
    open: (sessionId: string) => repo.listOpen(db, sessionId),
    /** Ending the session closes every open request. */
    closeAll: (sessionId: string) => repo.closeAllOpen(db, sessionId),
  }
}
export type StageService = ReturnType<typeof createStageService>
