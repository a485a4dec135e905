import { describe, expect, it } from 'vitest'
import { liveArgs, releasePortPair, reservePortPair } from './ffmpeg.ts'
import { measurePlaylist } from './hls.ts'
import { buildSdp, highestSpatialLayer, recorderRtpCapabilities } from './sdp.ts'

// The pure parts of the recorder: what ffmpeg is told, without running it.
describe('recorder building blocks', () => {
  it('describes each consumer as one m-line, in order, with its codec and parameters', () => {
    const sdp = buildSdp([
      { kind: 'audio', port: 50000, rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }] } },
      { kind: 'video', port: 50002, rtpParameters: { codecs: [{ mimeType: 'video/H264', payloadType: 102, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' } }] } },
    ])
    expect(sdp.split('\r\n')).toEqual([
      'v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=OpenDay stage recording', 'c=IN IP4 127.0.0.1', 't=0 0',
      'm=audio 50000 RTP/AVP 100', 'a=rtpmap:100 opus/48000/2', 'a=fmtp:100 useinbandfec=1', 'a=recvonly',
      'm=video 50002 RTP/AVP 102', 'a=rtpmap:102 H264/90000', 'a=fmtp:102 packetization-mode=1;profile-level-id=42e01f', 'a=recvonly',
      '',
    ])
  })

  it('offers ffmpeg no RTX, RTCP feedback or header extensions (no bandwidth estimation)', () => {
    const caps = recorderRtpCapabilities({
      codecs: [
        { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101, rtcpFeedback: [{ type: 'transport-cc' }, { type: 'nack' }] },
        { kind: 'video', mimeType: 'video/rtx', clockRate: 90000, preferredPayloadType: 102, parameters: { apt: 101 } },
      ],
      headerExtensions: [{ kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', preferredId: 5 }],
    })
    expect(caps).toEqual({
      codecs: [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101, rtcpFeedback: [] }],
      headerExtensions: [],
    })
  })

  it('finds the top spatial layer of a simulcast consumer', () => {
    const encodings = (scalabilityMode?: string) => ({ codecs: [], encodings: [{ ssrc: 1, ...(scalabilityMode ? { scalabilityMode } : {}) }] })
    expect(highestSpatialLayer(encodings('L3T3'))).toBe(2)
    expect(highestSpatialLayer(encodings('S2T1'))).toBe(1)
    expect(highestSpatialLayer(encodings('L1T3'))).toBe(0)
    expect(highestSpatialLayer(encodings())).toBe(0)
  })

  const plan = { sdpPath: '/tmp/x.sdp', dir: '/rec', segmentSeconds: 2, offsetSeconds: 12.34, x264Preset: 'veryfast' }
  const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1]

  it('mixes every microphone and fits the one picture to 1280x720', () => {
    const args = liveArgs({ ...plan, audioInputs: 2, hasVideo: true })
    expect(args.filter((a) => a === '-i')).toHaveLength(1) // no filler sources
    const graphs = args.flatMap((a, i) => (args[i - 1] === '-filter_complex' ? [a] : []))
    expect(graphs[0]).toMatch(/^\[0:2\]scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720/)
    expect(graphs[1]).toMatch(/^\[0:0\]aresample=async=1\[a0\];\[0:1\]aresample=async=1\[a1\];\[a0\]\[a1\]amix=inputs=2:/)
    expect(after(args, '-output_ts_offset')).toBe('12.340')
    expect(after(args, '-hls_flags')).toBe('append_list+omit_endlist')
    expect(after(args, '-hls_playlist_type')).toBe('event')
    expect(after(args, '-g')).toBe('50')
    expect(args.at(-1)).toBe('/rec/index.m3u8')
  })

  it('fills a missing picture with black and missing sound with silence', () => {
    const noVideo = liveArgs({ ...plan, audioInputs: 1, hasVideo: false })
    expect(noVideo.join(' ')).toContain('-re -f lavfi -i color=c=black:s=1280x720:r=25')
    expect(noVideo.join(' ')).toContain('-map 1:v')
    const noAudio = liveArgs({ ...plan, audioInputs: 0, hasVideo: true })
    expect(noAudio.join(' ')).toContain('-re -f lavfi -i anullsrc=r=48000:cl=stereo')
    expect(noAudio.join(' ')).toContain('-map 1:a')
    expect(noAudio.join(' ')).toContain('[0:0]scale=')
  })

  it('hands out distinct free RTP/RTCP port pairs to recorders starting together', async () => {
    const ports = await Promise.all(Array.from({ length: 6 }, () => reservePortPair()))
    expect(new Set(ports).size).toBe(6)
    for (const port of ports) {
      expect(port % 2).toBe(0)
      expect(ports).not.toContain(port + 1)
      releasePortPair(port)
    }
  })

  it('measures a playlist by its #EXTINF entries', () => {
    const text = '#EXTM3U\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\nseg00000.ts\n#EXTINF:0.5,\nseg00001.ts\n'
    expect(measurePlaylist(text, '/rec')).toEqual({ segments: 2, seconds: 2.5, lastSegment: '/rec/seg00001.ts' })
  })
})
