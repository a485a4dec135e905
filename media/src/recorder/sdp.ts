import type { types } from 'mediasoup'

/** One RTP stream ffmpeg receives: a consumer's parameters and the port ffmpeg listens on. */
export interface SdpStream {
  kind: types.MediaKind
  /** RTP port; RTCP is expected on port + 1 (ffmpeg's default for SDP input). */
  port: number
  rtpParameters: types.RtpParameters
}

/**
 * The receive capabilities of ffmpeg as a consumer endpoint: the router's codecs without
 * RTX, RTCP feedback or header extensions. Without transport-cc/REMB feedback the plain
 * transport runs no bandwidth estimation, so a simulcast consumer is not held down to a
 * lower layer by an estimate ffmpeg can never raise, and stays at its preferred layer.
 */
export function recorderRtpCapabilities(router: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: (router.codecs ?? [])
      .filter((codec) => !/\/rtx$/i.test(codec.mimeType))
      .map((codec) => ({ ...codec, rtcpFeedback: [] })),
    headerExtensions: [],
  }
}

/**
 * The top spatial layer of a simulcast/SVC consumer, from its scalabilityMode ("L3T3",
 * "S2T1"); 0 for a single stream. mediasoup writes the number of simulcast streams there.
 */
export function highestSpatialLayer(rtpParameters: types.RtpParameters): number {
  const mode = rtpParameters.encodings?.[0]?.scalabilityMode ?? ''
  const spatial = /^[LS](\d+)T\d+/.exec(mode)?.[1]
  return spatial ? Math.max(0, Number.parseInt(spatial, 10) - 1) : 0
}

/**
 * An SDP file for ffmpeg's `-i x.sdp` input, one m-line per stream in the given order, so
 * stream i of the input is streams[i]. ffmpeg binds each port on every local address.
 */
export function buildSdp(streams: SdpStream[], ip = '127.0.0.1'): string {
  const lines = ['v=0', `o=- 0 0 IN IP4 ${ip}`, 's=OpenDay stage recording', `c=IN IP4 ${ip}`, 't=0 0']
  for (const stream of streams) {
    const codec = stream.rtpParameters.codecs[0]
    if (!codec) throw new Error(`media: no codec in the ${stream.kind} consumer's RTP parameters`)
    const [, subtype] = codec.mimeType.split('/')
    const pt = codec.payloadType
    const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : ''
    lines.push(`m=${stream.kind} ${stream.port} RTP/AVP ${pt}`, `a=rtpmap:${pt} ${subtype}/${codec.clockRate}${channels}`)
    const fmtp = Object.entries(codec.parameters ?? {}).map(([key, value]) => `${key}=${String(value)}`)
    if (fmtp.length > 0) lines.push(`a=fmtp:${pt} ${fmtp.join(';')}`)
    lines.push('a=recvonly')
  }
  return lines.join('\r\n') + '\r\n'
}
