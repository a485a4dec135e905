import type { types } from 'mediasoup'
import type { MediaConsumer } from '../MediaConsumer.ts'
import type { PlainMediaTransport } from '../MediaTransport.ts'
import type { FfmpegProcess } from './ffmpeg.ts'

// The recorder's types and small pure helpers, apart from StageRecorder's state machine.

/** What goes on the programme: one picture (or none: black) and every microphone mixed. */
export interface StageSources {
  video: string | null
  audio: string[]
}

export interface StageRecorderOptions {
  /** Absolute directory of this session's recording: index.m3u8, segNNNNN.ts, recording.mp4. */
  dir: string
  ffmpegPath?: string
  ffprobePath?: string
  hlsSegmentSeconds?: number
  /** x264 speed/quality trade-off; 'veryfast' by default, 'ultrafast' on a busy machine. */
  x264Preset?: string
  /** Source changes within this window make one ffmpeg restart. Default 500 ms. */
  debounceMs?: number
  /** How long ffmpeg gets to finish after 'q' before it is signalled. Default 15 s (see RTP_TIMEOUT_SECONDS). */
  stopTimeoutMs?: number
  log?: (msg: string, extra?: Record<string, unknown>) => void
}

export interface StageRecording {
  /** dir/recording.mp4: H.264 + AAC, the whole playlist (every run, every recorder). */
  file: string
  playlist: string
  durationSeconds: number
  segments: number
}

export type StageRecorderEvents = {
  /** The playlist lists a segment of this recorder: its URL can be announced. Once. */
  hls: [playlistPath: string]
  /** ffmpeg is up (RTP flowing) with these sources, after a start or a change; none: all paused. */
  programme: [sources: StageSources]
  /** ffmpeg failed or the session closed under the recorder. Never thrown. */
  error: [error: Error]
}

export interface Input {
  producerId: string
  kind: types.MediaKind
  transport: PlainMediaTransport
  consumer?: MediaConsumer
  /** Sent to ffmpeg; a paused producer's input only watches for its resume. */
  live: boolean
}

/** One composition: the consumers for it and the ffmpeg (if anything is live) encoding it. */
export interface Run {
  requested: StageSources
  sources: StageSources
  inputs: Input[]
  ports: number[]
  ffmpeg?: FfmpegProcess
  sdpPath?: string
  startedAt: number
  /** ffmpeg is receiving ('programme' was emitted). */
  live: boolean
  ending: boolean
  failed: boolean
  poll?: NodeJS.Timeout
}

export const NOTHING: StageSources = { video: null, audio: [] }

export function same(a: StageSources, b: StageSources): boolean {
  return a.video === b.video && a.audio.length === b.audio.length && a.audio.every((id, i) => id === b.audio[i])
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
