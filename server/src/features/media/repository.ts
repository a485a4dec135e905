import type { Db } from '../../db/client.ts'

export const findMediaSession = (db: Db, sessionId: string) =>
  db.session.findUnique({ where: { id: sessionId }, select: { id: true, status: true, kind: true, recordingFile: true, recordingSeconds: true, event: { select: { status: true, startsAt: true, previewDays: true } } } })

export const saveRecording = (db: Db, sessionId: string, file: string, seconds: number) =>
  db.session.update({ where: { id: sessionId }, data: { recordingFile: file, recordingSeconds: seconds } })

/** Video sessions that are live now: their media is rebuilt after a restart when someone joins. */
export const liveVideoSessions = (db: Db) =>
  db.session.findMany({ where: { status: 'live', kind: 'video_interview' }, select: { id: true } })
