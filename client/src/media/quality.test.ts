import { describe, expect, it } from 'vitest'
import { layerForHeight, layerToRequest, qualityBetween, qualityLevel, sampleStats, type StatLike } from './quality.ts'

describe('layerForHeight', () => {
  it('picks the smallest layer that fills the element', () => {
    expect(layerForHeight(90)).toBe(0)
    expect(layerForHeight(180)).toBe(0)
    expect(layerForHeight(181)).toBe(1)
    expect(layerForHeight(360)).toBe(1)
    expect(layerForHeight(361)).toBeNull()
  })

  it('counts device pixels on high-density screens', () => {
    expect(layerForHeight(120, 2)).toBe(1)
    expect(layerForHeight(200, 2)).toBeNull()
    expect(layerForHeight(120, 0.5)).toBe(0) // below 1 is treated as 1
  })

  it('asks for the smallest layer for an element that is not laid out', () => {
    expect(layerForHeight(0)).toBe(0)
    expect(layerForHeight(Number.NaN)).toBe(0)
  })
})

describe('layerToRequest', () => {
  it('uses a manual choice as it is, else the size', () => {
    expect(layerToRequest(2, 0)).toBe(2)
    expect(layerToRequest(0, null)).toBe(0)
    expect(layerToRequest('auto', 1)).toBe(1)
    expect(layerToRequest('auto', null)).toBeNull()
  })
})

describe('connection statistics', () => {
  const send = (bytesSent: number, packetsSent: number, packetsLost: number, rtt?: number): StatLike[] => [
    { type: 'outbound-rtp', kind: 'video', bytesSent: bytesSent * 0.9, packetsSent: packetsSent - 10 },
    { type: 'outbound-rtp', kind: 'audio', bytesSent: bytesSent * 0.1, packetsSent: 10 },
    { type: 'remote-inbound-rtp', kind: 'video', packetsLost, roundTripTime: 0.03 },
    ...(rtt === undefined ? [] : [{ type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: rtt }]),
    { type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 9 },
  ]

  it('sums the outbound streams and prefers the selected ICE pair for RTT', () => {
    expect(sampleStats(send(1000, 100, 3, 0.012), 'send', 0)).toEqual({ at: 0, bytes: 1000, packets: 100, lost: 3, rttMs: 12 })
    expect(sampleStats(send(1000, 100, 3), 'send', 0).rttMs).toBe(30)
  })

  it('reads inbound streams for a receiving transport', () => {
    const s = sampleStats([{ type: 'inbound-rtp', bytesReceived: 500, packetsReceived: 50, packetsLost: 2 }, { type: 'outbound-rtp', bytesSent: 99 }], 'recv', 5)
    expect(s).toEqual({ at: 5, bytes: 500, packets: 50, lost: 2, rttMs: null })
  })

  it('turns two samples into bitrate and loss', () => {
    const q = qualityBetween({ at: 0, bytes: 0, packets: 0, lost: 0, rttMs: null }, { at: 2000, bytes: 250_000, packets: 980, lost: 20, rttMs: 40 })
    expect(q).toEqual({ bitrateKbps: 1000, lossPct: 2, rttMs: 40, level: 'fair' })
  })

  it('restarts from zero when the counters went backwards (a new transport)', () => {
    const q = qualityBetween({ at: 0, bytes: 900_000, packets: 9000, lost: 50, rttMs: 10 }, { at: 1000, bytes: 125_000, packets: 100, lost: 0, rttMs: 10 })
    expect(q.bitrateKbps).toBe(1000)
    expect(q.lossPct).toBe(0)
    expect(q.level).toBe('good')
  })

  it('grades loss and delay', () => {
    expect(qualityLevel(0, null)).toBe('good')
    expect(qualityLevel(1.9, 199)).toBe('good')
    expect(qualityLevel(0, 250)).toBe('fair')
    expect(qualityLevel(10, 20)).toBe('poor')
    expect(qualityLevel(0, 500)).toBe('poor')
  })
})
