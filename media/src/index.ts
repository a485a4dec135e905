// @openday/media: mediasoup for OpenDay's live sessions. A library with a typed API that
// server/ calls; it knows nothing of HTTP, sockets or the database.
export { MediaHost, type SessionsLost } from './MediaHost.ts'
export { WorkerPool, type WorkerDied, type WorkerReplaced } from './WorkerPool.ts'
export { MediaWorker } from './MediaWorker.ts'
export { SessionRouter, type SessionCloseReason, type SessionRouterStats } from './SessionRouter.ts'
export {
  WebRtcMediaTransport, PlainMediaTransport,
  type AnyMediaTransport, type TransportDirection, type TransportCloseReason,
  type WebRtcTransportOptions, type WebRtcTransportParameters, type PlainTransportOptions,
} from './MediaTransport.ts'
export { MediaProducer, type ProduceOptions, type ProducerCloseReason } from './MediaProducer.ts'
export { MediaConsumer, type ConsumeOptions, type ConsumerCloseReason } from './MediaConsumer.ts'
export {
  StageRecorder, type StageSources, type StageRecorderOptions, type StageRecording,
} from './recorder/StageRecorder.ts'
export { resolveMediaConfig, DEFAULT_MEDIA_CODECS, type MediaConfig, type ResolvedMediaConfig } from './config.ts'
export type { types as mediasoupTypes } from 'mediasoup'
