import { z } from 'zod'
import { type Cmd, Id, text } from './common.ts'
import type { IsoDate } from './dto.ts'

// ---- mediasoup parameters, as relayed between mediasoup-client and the server ----
// The server hands these to mediasoup, which checks them again; zod here bounds their size and
// shape so a hostile client cannot send megabytes of nesting or prototype keys.

const Token = z.string().max(256)
const Params = z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()])).refine(
  (r) => Object.keys(r).length <= 32, 'too many parameters')

const RtcpFeedback = z.strictObject({ type: Token, parameter: Token.optional() })
const RtpCodec = z.looseObject({
  mimeType: Token,
  payloadType: z.number().int().min(0).max(127).optional(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: Params.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
  kind: z.enum(['audio', 'video']).optional(),
})
const HeaderExtension = z.looseObject({
  uri: Token,
  id: z.number().int().optional(),
  preferredId: z.number().int().optional(),
  kind: z.enum(['audio', 'video']).optional(),
  encrypt: z.boolean().optional(),
  parameters: Params.optional(),
  direction: Token.optional(),
})

export const RtpCapabilities = z.strictObject({
  codecs: z.array(RtpCodec).max(64).optional(),
  headerExtensions: z.array(HeaderExtension).max(64).optional(),
})

export const RtpParameters = z.strictObject({
  mid: Token.optional(),
  codecs: z.array(RtpCodec).min(1).max(16),
  headerExtensions: z.array(HeaderExtension).max(32).optional(),
  encodings: z.array(z.looseObject({
    ssrc: z.number().int().optional(),
    rid: Token.optional(),
    codecPayloadType: z.number().int().optional(),
    rtx: z.strictObject({ ssrc: z.number().int() }).optional(),
    dtx: z.boolean().optional(),
    scalabilityMode: Token.optional(),
    scaleResolutionDownBy: z.number().optional(),
    maxBitrate: z.number().optional(),
    maxFramerate: z.number().optional(),
    adaptivePtime: z.boolean().optional(),
    priority: Token.optional(),
    networkPriority: Token.optional(),
    active: z.boolean().optional(),
  })).max(4).optional(),
  rtcp: z.strictObject({ cname: Token.optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() }).optional(),
  msid: Token.optional(),
})

export const DtlsParameters = z.strictObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(z.strictObject({ algorithm: Token, value: Token })).min(1).max(8),
})

// ---- commands ----

/** Where a producer's track comes from: the stage layout and the recorder treat them differently. */
export const MediaSource = z.enum(['camera', 'mic', 'screen'])
export type MediaSource = z.infer<typeof MediaSource>

export const MediaJoin = z.strictObject({ sessionId: Id })
export const MediaLeave = z.strictObject({ sessionId: Id })
export const CreateTransport = z.strictObject({ sessionId: Id, direction: z.enum(['send', 'recv']) })
export const ConnectTransport = z.strictObject({ transportId: Id, dtlsParameters: DtlsParameters })
export const Produce = z.strictObject({
  transportId: Id,
  kind: z.enum(['audio', 'video']),
  source: MediaSource,
  rtpParameters: RtpParameters,
}).refine((p) => (p.source === 'mic') === (p.kind === 'audio'), 'mic is audio; camera and screen are video')
export const ProducerAction = z.strictObject({ producerId: Id, action: z.enum(['pause', 'resume', 'close']) })
export const Consume = z.strictObject({ transportId: Id, producerId: Id, rtpCapabilities: RtpCapabilities })
export const ConsumerAction = z.strictObject({ consumerId: Id, action: z.enum(['resume', 'pause']) })
/** Manual quality choice: 0 = lowest simulcast layer, 2 = highest; null = automatic. */
export const ConsumerLayers = z.strictObject({ consumerId: Id, spatialLayer: z.number().int().min(0).max(2).nullable() })
export const StageRequest = z.strictObject({ sessionId: Id, nickname: text(1, 20) })
export const StageCancel = z.strictObject({ sessionId: Id })
export const StageDecide = z.strictObject({ requestId: Id, decision: z.enum(['approve', 'decline', 'remove']) })

export type Produce = z.infer<typeof Produce>
export type Consume = z.infer<typeof Consume>
export type StageDecide = z.infer<typeof StageDecide>

// ---- results and broadcasts ----

export interface TransportParams {
  id: string
  iceParameters: unknown
  iceCandidates: unknown[]
  dtlsParameters: unknown
}

export interface ConsumerParams {
  id: string
  producerId: string
  kind: 'audio' | 'video'
  rtpParameters: unknown
}

export type StageRole = 'host' | 'guest' | 'citizen'

/** One track on stage. `memberId` groups a person's camera, microphone and screen. */
export interface StageProducer {
  id: string
  kind: 'audio' | 'video'
  source: MediaSource
  memberId: string
  name: string
  role: StageRole
  paused: boolean
}

export const StageRequestStatus = z.enum(['requested', 'approved', 'declined', 'cancelled', 'removed'])
export type StageRequestStatus = z.infer<typeof StageRequestStatus>

/** A citizen's request to speak on stage (staff see every open one; a citizen sees their own). */
export interface StageRequestDto {
  id: string
  sessionId: string
  nickname: string
  status: StageRequestStatus
  createdAt: IsoDate
  decidedAt: IsoDate | null
}

/**
 * Everything a screen needs to lay out the stage. Sent whole on every change (it is small) to the
 * session's room; staff get `requests` as well. Media is not in the event log: a client that
 * reconnects asks `media:join` again and gets the current stage.
 */
export interface StageState {
  sessionId: string
  producers: StageProducer[]
  /** memberId of who is speaking now, from the server's active-speaker observer. */
  activeSpeaker: string | null
  /** HLS playlist of the stage, once ffmpeg produces it. */
  hlsUrl: string | null
  recording: boolean
  /** Staff only: requests waiting for the host, and citizens on stage. */
  requests?: StageRequestDto[]
}

export interface MediaJoinResult {
  rtpCapabilities: unknown
  stage: StageState
  /** Whether this connection may publish (host/guest of the session, or an approved citizen). */
  canProduce: boolean
  /**
   * False when the session's WebRTC audience is full or media is unavailable: watch over HLS.
   * Publishers always get WebRTC.
   */
  webrtc: boolean
  /** This connection's own stage request, if any. */
  myRequest: StageRequestDto | null
}


export interface MediaClientToServerEvents {
  'media:join': Cmd<typeof MediaJoin, MediaJoinResult>
  'media:leave': Cmd<typeof MediaLeave, null>
  'media:transport': Cmd<typeof CreateTransport, TransportParams>
  'media:connect': Cmd<typeof ConnectTransport, null>
  'media:produce': Cmd<typeof Produce, { producerId: string }>
  'media:producer': Cmd<typeof ProducerAction, null>
  'media:consume': Cmd<typeof Consume, ConsumerParams>
  'media:consumer': Cmd<typeof ConsumerAction, null>
  'media:layers': Cmd<typeof ConsumerLayers, null>
  'stage:request': Cmd<typeof StageRequest, StageRequestDto>
  'stage:cancel': Cmd<typeof StageCancel, StageRequestDto>
  'stage:decide': Cmd<typeof StageDecide, StageRequestDto>
}

export interface MediaServerToClientEvents {
  'media:stage': (stage: StageState) => void
  /** The caller's own stage request changed (approved, declined, removed). */
  'media:request': (request: StageRequestDto) => void
  /**
   * The session's media was rebuilt (a media worker died) or closed: drop every transport and
   * join again; publishers publish again by themselves.
   */
  'media:reset': (msg: { sessionId: string; reason: 'workerdied' | 'ended' | 'removed' }) => void
  /** A consumer of this connection closed on the server (its producer went away). */
  'media:consumer:closed': (msg: { consumerId: string }) => void
}
