import { isStringArray, isStringArrayRecord, readJson, readString, writeJson, writeString } from '../lib/storage.ts'

// What this device remembers between visits; nothing here is personal beyond the nickname the
// citizen chose to show publicly.

const NICKNAME_KEY = 'openday:nickname'
const VOTES_KEY = 'openday:votes'
const MINE_KEY = 'openday:myQuestions'
const MAX_VOTES = 2000

export const loadNickname = (): string => readString(NICKNAME_KEY) ?? ''
export const saveNickname = (name: string): void => writeString(NICKNAME_KEY, name)

export const loadVotes = (): string[] => readJson(VOTES_KEY, [], isStringArray)

export function saveVote(questionId: string): string[] {
  const votes = loadVotes().filter((id) => id !== questionId)
  votes.push(questionId)
  const kept = votes.slice(-MAX_VOTES) // bounded: storage is small and shared
  writeJson(VOTES_KEY, kept)
  return kept
}

export function forgetVote(questionId: string): string[] {
  const votes = loadVotes().filter((id) => id !== questionId)
  writeJson(VOTES_KEY, votes)
  return votes
}

/** Client ids of the questions this device asked in a session. */
export function loadMyQuestions(sessionId: string): string[] {
  return readJson(MINE_KEY, {}, isStringArrayRecord)[sessionId] ?? []
}

export function rememberMyQuestion(sessionId: string, clientId: string): string[] {
  const all = readJson(MINE_KEY, {}, isStringArrayRecord)
  const list = all[sessionId] ?? []
  if (!list.includes(clientId)) list.push(clientId)
  all[sessionId] = list
  writeJson(MINE_KEY, all)
  return list
}
