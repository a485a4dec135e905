import type { HistJson } from './hist.ts'

/** Messages from the orchestrator to a client worker process (lib/worker.ts). */
export type WorkerCommand =
  | { op: 'connect'; url: string; count: number; ratePerSec: number; sessionId: string | null; tokens: boolean; cookie?: string; voters?: number; maxPending: number; lean?: boolean }
  | { op: 'reset' }
  | { op: 'vote-start'; ratePerSec: number }
  | { op: 'vote-stop' }
  | { op: 'ask'; sessionId: string; ratePerSec: number; durationMs: number; bodyLen: number; tag: string; inflightCap: number; timeoutMs: number; settleMs: number }
  | { op: 'report' }
  /** Each voter of this process votes once in the poll, paced; returns acks and the checkpoint counts' ack times. */
  | { op: 'poll-vote'; pollId: string; round: number; ratePerSec: number; options: string[]; checkEvery: number }
  /** Latency from each checkpoint's ack to each socket's first frame showing at least that count, and who saw `final`. */
  | { op: 'poll-latency'; pollId: string; ackTimes: Record<number, number>; final: number }
  | { op: 'close' }

export interface PollVoteResult { sent: number; ok: number; codes: Record<string, number>; ack: HistJson; checkpoints: [number, number][]; lastAck: number }
export interface PollLatencyResult { visible: HistJson; sawFinal: number; sockets: number }

export interface ConnectResult { connected: number; joined: number; failed: number; joinFailed: number; errors: Record<string, number>; ms: number }

export interface AskResult {
  sent: number
  ok: number
  skipped: number
  codes: Record<string, number>
  ack: HistJson
  firstSend: number
  lastAck: number
  /** acks (ok) per wall-clock second */
  timeline: Record<number, number>
}

export interface WorkerReport {
  sockets: number
  joined: number
  disconnects: number
  disconnectReasons: Record<string, number>
  frames: number
  events: number
  voteFrames: number
  /** Frames with neither events nor votes (only the viewer count). */
  viewersOnly: number
  /** Latency of stamped events (transcript entries, approved questions), by event type. */
  latency: Record<string, HistJson>
  /** Latency of the first socket of this process to receive each stamped event. */
  first: HistJson
  /** How many sockets received each stamped event, by tag. */
  receipts: Record<string, number>
  /** Receipts per wall-clock second: [frames, stamped events]. */
  timeline: Record<number, [number, number]>
  votesSent: number
  votesOk: number
  votesStarved: number
  voteCodes: Record<string, number>
  voteAck: HistJson
  /** From sending an upvote to a frame on this worker showing a count that includes it. */
  voteVisible: HistJson
  /** Largest event-loop delay seen in the worker (ms): if high, latency includes client queueing. */
  loopDelayP99: number
  cpuUserMs: number
}
