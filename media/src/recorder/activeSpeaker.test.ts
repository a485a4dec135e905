import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_MEDIA_CODECS } from '../config.ts'
import { MediaHost } from '../MediaHost.ts'
import type { SessionRouter } from '../SessionRouter.ts'
import { PCMU_CODEC, startLevelFeed, waitForEvent, type Feed } from './testing.ts'

/** The next 'speaker' event naming what `accept`s. */
const speakerEvent = (session: SessionRouter, accept: (id: string | null) => boolean) =>
  waitForEvent<string | null>(session, 'speaker', accept)

// SessionRouter's ActiveSpeakerObserver with real audio: two ffmpeg "microphones", one
// silent and one playing a tone, whose RTP carries the audio level measured from the
// samples themselves (see startLevelFeed).
describe('active speaker', () => {
  let host: MediaHost
  let session: SessionRouter
  const feeds: Feed[] = []

  beforeAll(async () => {
    host = await MediaHost.create({ workers: 1, rtcMinPort: 47000, rtcMaxPort: 47499, mediaCodecs: [...DEFAULT_MEDIA_CODECS, PCMU_CODEC] })
    session = await host.session('sess-speaker')
  })
  afterAll(() => {
    for (const feed of feeds) feed.stop()
    host?.close()
  })

  it('names the loud microphone, and reports null when it closes', async () => {
    // Alone in the room, the silent microphone is the dominant speaker by default.
    const quietSeen = speakerEvent(session, () => true)
    const quiet = await startLevelFeed(session, { source: 'anullsrc=channel_layout=mono:nb_samples=160', ssrc: 5001 })
    feeds.push(quiet)
    const quietId = quiet.producers[0]!.id
    expect(await quietSeen).toBe(quietId)

    // The talker must take over from it: that needs its measured levels, not just its
    // arrival. A steady tone would not do: the observer takes a speaker's quietest level as
    // its noise floor, so the talker is a tone switched on and off three times a second
    // over a faint floor, as speech comes in bursts.
    const loudSeen = speakerEvent(session, (id) => id !== quietId)
    const talk = "aevalsrc=exprs='0.5*sin(2*PI*440*t)*(0.01+0.99*gt(sin(2*PI*1.5*t),0))':nb_samples=160"
    const loud = await startLevelFeed(session, { source: talk, ssrc: 5002 })
    feeds.push(loud)
    const loudId = loud.producers[0]!.id
    expect(await loudSeen).toBe(loudId)
    expect(session.speaker).toBe(loudId)

    const cleared = speakerEvent(session, (id) => id === null)
    loud.producers[0]!.close()
    expect(await cleared).toBeNull()
  })

  it('stays quiet while the session closes', async () => {
    const events: (string | null)[] = []
    session.on('speaker', (id) => events.push(id))
    await host.closeSession('sess-speaker')
    expect(session.closed).toBe(true)
    expect(events).toEqual([])
  })
})
