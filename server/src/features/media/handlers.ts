import type { mediasoupTypes } from '@openday/media'
import { ConnectTransport, Consume, ConsumerAction, ConsumerLayers, CreateTransport, MediaJoin, MediaLeave, Produce, ProducerAction } from '@openday/protocol'
import type { SocketDeps } from '../../socket/deps.ts'
import { command } from '../../socket/command.ts'
import type { TypedSocket } from '../../socket/types.ts'
import { rooms } from '../live/hub.ts'

// zod has checked the shape and bounds of mediasoup's parameters; mediasoup checks the values
// (codecs, fingerprint algorithms) itself and its refusals come back as coded errors.
const dtls = (p: unknown) => p as mediasoupTypes.DtlsParameters
const rtp = (p: unknown) => p as mediasoupTypes.RtpParameters
const caps = (p: unknown) => p as mediasoupTypes.RtpCapabilities

export function registerMediaHandlers(socket: TypedSocket, d: SocketDeps): void {
  const { media, board } = d

  command(socket, d.log, 'media:join', MediaJoin, async ({ sessionId }) => {
    const res = await media.join({ socketId: socket.id, actor: socket.data.actor, citizenId: socket.data.citizenId }, sessionId)
    // The stage is broadcast to the session's rooms: a studio that never sent session:join
    // must still hear about it.
    if (!socket.rooms.has(rooms.session(sessionId))) {
      await socket.join(rooms.session(sessionId))
      d.hub.viewersChanged(sessionId)
    }
    if (res.staff) {
      await socket.join(rooms.staff(sessionId))
      socket.data.staffOf.add(sessionId)
    }
    const { staff, ...result } = res
    return { ...result, stage: await board.state(sessionId, staff) }
  })

  command(socket, d.log, 'media:leave', MediaLeave, async ({ sessionId }) => {
    media.leave(socket.id, sessionId)
    return null
  })

  command(socket, d.log, 'media:transport', CreateTransport, ({ sessionId, direction }) =>
    media.createTransport(socket.id, sessionId, direction))

  command(socket, d.log, 'media:connect', ConnectTransport, async ({ transportId, dtlsParameters }) => {
    await media.connect(socket.id, transportId, dtls(dtlsParameters))
    return null
  })

  command(socket, d.log, 'media:produce', Produce, async (input) => {
    const producerId = await media.produce(socket.id, { ...input, rtpParameters: rtp(input.rtpParameters) })
    return { producerId }
  })

  command(socket, d.log, 'media:producer', ProducerAction, async ({ producerId, action }) => {
    await media.producerAction(socket.id, producerId, action)
    return null
  })

  command(socket, d.log, 'media:consume', Consume, (input) =>
    media.consume(socket.id, { ...input, rtpCapabilities: caps(input.rtpCapabilities) }))

  command(socket, d.log, 'media:consumer', ConsumerAction, async ({ consumerId, action }) => {
    await media.consumerAction(socket.id, consumerId, action)
    return null
  })

  command(socket, d.log, 'media:layers', ConsumerLayers, async ({ consumerId, spatialLayer }) => {
    await media.setLayers(socket.id, consumerId, spatialLayer)
    return null
  })

  socket.on('disconnect', () => media.leave(socket.id))
}
