// What the media benchmark's viewers and the mediasoup side exchange, and the SDP offer a werift
// viewer is given in place of mediasoup-client: built from a recv WebRtcTransport's parameters and
// its consumers' rtpParameters, the way mediasoup-client's RemoteSdp does for a browser.
import type { mediasoupTypes, WebRtcTransportParameters } from '@openday/media'

/**
 * The viewer's "device" capabilities passed to consume(): what a browser offers, cut down to what
 * werift handles (VP8 + RTX, Opus; no header extensions, so no transport-cc feedback to generate).
 * `nack` off drops NACK (and so RTX retransmissions) from the video codec.
 */
export function viewerRtpCapabilities(nack: boolean): mediasoupTypes.RtpCapabilities {
  const fb: mediasoupTypes.RtcpFeedback[] = [{ type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }]
  if (nack) fb.unshift({ type: 'nack', parameter: '' })
  return {
    codecs: [
      { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100, rtcpFeedback: [] },
      { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101, rtcpFeedback: fb },
      ...(nack ? [{ kind: 'video' as const, mimeType: 'video/rtx', clockRate: 90000, preferredPayloadType: 102, parameters: { apt: 101 }, rtcpFeedback: [] }] : []),
    ],
    headerExtensions: [],
  }
}

/** One consumer as the viewer sees it (what the server would send to mediasoup-client's consume()). */
export interface ConsumerInfo {
  id: string
  kind: mediasoupTypes.MediaKind
  rtpParameters: mediasoupTypes.RtpParameters
}

/** Parent -> viewer process: everything needed to open one viewer. */
export interface ViewerOffer {
  viewer: number
  transport: WebRtcTransportParameters
  consumers: ConsumerInfo[]
  /**
   * false: the offer werift sees leaves out the NACK/PLI feedback that mediasoup negotiated, so the
   * viewer never sends NACKs (mediasoup still keeps its retransmission state as for a browser).
   */
  viewerNack: boolean
}

/** The consumer as the viewer is told about it, with NACK/PLI feedback dropped when it must not NACK. */
export function forViewer(c: ConsumerInfo, viewerNack: boolean): ConsumerInfo {
  if (viewerNack) return c
  const codecs = c.rtpParameters.codecs.map((x) => ({ ...x, rtcpFeedback: (x.rtcpFeedback ?? []).filter((f) => f.type !== 'nack') }))
  return { ...c, rtpParameters: { ...c.rtpParameters, codecs } }
}

/** Viewer process -> parent: the answer's DTLS parameters, for transport.connect(). */
export interface ViewerAnswer {
  viewer: number
  ok: boolean
  error?: string
  dtlsParameters?: mediasoupTypes.DtlsParameters
}

function codecLines(c: mediasoupTypes.RtpCodecParameters): string[] {
  const [, name] = c.mimeType.split('/')
  const lines = [`a=rtpmap:${c.payloadType} ${name}/${c.clockRate}${c.channels && c.channels > 1 ? `/${c.channels}` : ''}`]
  const params = Object.entries(c.parameters ?? {}).map(([k, v]) => `${k}=${String(v)}`)
  if (params.length) lines.push(`a=fmtp:${c.payloadType} ${params.join(';')}`)
  for (const fb of c.rtcpFeedback ?? []) lines.push(`a=rtcp-fb:${c.payloadType} ${fb.type}${fb.parameter ? ` ${fb.parameter}` : ''}`)
  return lines
}

/**
 * The offer for one recv transport with its consumers, one m-section each, bundled. mediasoup is
 * ICE-lite and takes either DTLS role, so the offer says actpass and the answerer picks active.
 */
export function recvOfferSdp(t: WebRtcTransportParameters, consumers: ConsumerInfo[]): string {
  const fp = t.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? t.dtlsParameters.fingerprints[0]
  if (!fp) throw new Error('transport has no DTLS fingerprint')
  const mids = consumers.map((c, i) => c.rtpParameters.mid ?? String(i))
  const lines = [
    'v=0', `o=mediasoup-bench ${Date.now()} 1 IN IP4 0.0.0.0`, 's=-', 't=0 0', 'a=ice-lite',
    `a=group:BUNDLE ${mids.join(' ')}`, 'a=msid-semantic: WMS *',
    `a=fingerprint:${fp.algorithm} ${fp.value.toUpperCase()}`,
  ]
  const candidates = t.iceCandidates.filter((c) => c.protocol === 'udp')
  consumers.forEach((c, i) => {
    const p = c.rtpParameters
    const enc = p.encodings?.[0]
    if (!enc?.ssrc) throw new Error(`consumer ${c.id} has no SSRC`)
    const cname = p.rtcp?.cname ?? 'mediasoup'
    const stream = `bench-${c.id.slice(0, 8)}`
    lines.push(
      `m=${c.kind} 7 UDP/TLS/RTP/SAVPF ${p.codecs.map((x) => x.payloadType).join(' ')}`,
      'c=IN IP4 127.0.0.1',
      `a=ice-ufrag:${t.iceParameters.usernameFragment}`,
      `a=ice-pwd:${t.iceParameters.password}`,
      'a=setup:actpass',
      `a=mid:${mids[i]}`,
      'a=sendonly',
      `a=msid:${stream} ${c.id}`,
      'a=rtcp-mux',
      'a=rtcp-rsize',
      ...candidates.map((x) => `a=candidate:${x.foundation} 1 udp ${x.priority} ${x.address} ${x.port} typ host`),
      'a=end-of-candidates',
      ...p.codecs.flatMap(codecLines),
      ...(p.headerExtensions ?? []).map((h) => `a=extmap:${h.id} ${h.uri}`),
    )
    const rtx = enc.rtx?.ssrc
    if (rtx) lines.push(`a=ssrc-group:FID ${enc.ssrc} ${rtx}`)
    for (const ssrc of rtx ? [enc.ssrc, rtx] : [enc.ssrc]) lines.push(`a=ssrc:${ssrc} cname:${cname}`, `a=ssrc:${ssrc} msid:${stream} ${c.id}`)
  })
  return `${lines.join('\r\n')}\r\n`
}

/** DTLS parameters of an answer, as transport.connect() wants them. */
export function answerDtls(sdp: string): mediasoupTypes.DtlsParameters {
  const fingerprints = [...sdp.matchAll(/^a=fingerprint:(\S+) (\S+)\s*$/gm)].map((m) => ({ algorithm: m[1]!.toLowerCase() as mediasoupTypes.FingerprintAlgorithm, value: m[2]! }))
  if (!fingerprints.length) throw new Error('answer has no a=fingerprint')
  const setup = /^a=setup:(\S+)\s*$/m.exec(sdp)?.[1]
  // active: the answerer opens the DTLS handshake, i.e. it is the DTLS client.
  const role: mediasoupTypes.DtlsRole = setup === 'passive' ? 'server' : 'client'
  return { role, fingerprints: [fingerprints[0]!] }
}
