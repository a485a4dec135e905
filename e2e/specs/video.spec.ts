// Runs in the "video" project against its own server (see playwright.config.ts), in Chromium with
// a fake camera and microphone: real mediasoup, real WebRTC over loopback, real ffmpeg.
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { APIRequestContext } from '@playwright/test'
import { ArchivePage } from '../pages/ArchivePage.ts'
import { expectDecoding, StagePage } from '../pages/StagePage.ts'
import { StudioPage } from '../pages/StudioPage.ts'
import { expect, test, uid } from '../fixtures.ts'

const VIDEO_SESSION = 'demo-video' // server/src/seed/demo.ts: scheduled, host `host`, guest `guest`

const run = promisify(execFile)

/** Duration of a media file in seconds, as ffprobe reads it from the container. */
async function probeSeconds(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=noprint_wrappers=1:nokey=1', file])
  return Number(stdout.trim())
}

/** Segment URLs of a live HLS playlist (following a master playlist to its first variant). */
async function hlsSegments(request: APIRequestContext, playlistUrl: string): Promise<string[]> {
  const res = await request.get(playlistUrl)
  if (res.status() !== 200) return []
  const text = await res.text()
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  if (text.includes('#EXT-X-STREAM-INF')) return lines[0] ? hlsSegments(request, new URL(lines[0], playlistUrl).href) : []
  return lines.map((l) => new URL(l, playlistUrl).href)
}

test('video interview: studio, go live, viewers, a citizen on stage, end, recording', async ({ actors, baseURL }) => {
  // Five browsers, two of them encoding 720p simulcast, on two shared cores: each step is bounded
  // by its own expectations; the whole needs more than the default three minutes.
  test.setTimeout(360_000)
  const [guest, host] = await Promise.all([actors.staff('guest'), actors.staff('host')])
  const guestStudio = new StudioPage(guest.page, VIDEO_SESSION)
  const hostStudio = new StudioPage(host.page, VIDEO_SESSION)
  await Promise.all([guestStudio.open(), hostStudio.open()])
  await expect(hostStudio.root).toHaveAttribute('data-status', 'scheduled')

  await test.step('before going live, the guest publishes camera and microphone; the host sees them', async () => {
    await guestStudio.publish()
    await expectDecoding(hostStudio.videoOf('guest'), 'the host sees the guest in the studio')
  })

  const viewers = await Promise.all([actors.citizen('viewer1'), actors.citizen('viewer2')])
  const stages = viewers.map((v) => new StagePage(v.page, VIDEO_SESSION))

  await test.step('viewers opening the page before the start are told it has not started', async () => {
    await stages[0]!.open()
    await expect(stages[0]!.notStarted).toBeVisible()
  })

  await test.step('the host goes live; both viewers decode the guest\'s video', async () => {
    await hostStudio.goLive()
    await stages[1]!.open()
    for (const [i, stage] of stages.entries()) {
      await stage.expectReady()
      await expectDecoding(stage.videoOf('guest'), `viewer ${i + 1} decodes the guest's video`)
      // Autoplay rules: sound starts muted, behind a clear button.
      await expect(stage.unmute).toBeVisible()
    }
    await stages[0]!.unmute.click()
    await expect(stages[0]!.root).toHaveAttribute('data-muted', 'false')
  })

  await test.step('a viewer who picks the lowest quality gets the smallest simulcast layer', async () => {
    await stages[1]!.quality.selectOption('0')
    // The camera sends 1280x720 with layers at 1/4, 1/2 and full size: layer 0 is at most 320 wide.
    // (No picture yet, or an element being replaced, reads as "not there yet".)
    const width = () => stages[1]!.videoOf('guest').evaluate((v: HTMLVideoElement) => v.videoWidth || Infinity).catch(() => Infinity)
    await expect.poll(width, { timeout: 30_000 }).toBeLessThanOrEqual(320)
    await expectDecoding(stages[1]!.videoOf('guest'), 'viewer 2 decodes the low layer')
  })

  await test.step('the guest\'s connection drops and comes back: the guest re-publishes by itself', async () => {
    // Offline makes the page drop its socket (lib/socket.ts); the server then closes that
    // connection's transports, so what viewers see afterwards comes from a rebuilt publisher.
    await guest.context.setOffline(true)
    await expect(guestStudio.root).toHaveAttribute('data-phase', 'reconnecting', { timeout: 60_000 })
    await expect(stages[0]!.member('guest')).toHaveCount(0)
    await guest.context.setOffline(false)
    await expect(guestStudio.local).toHaveAttribute('data-publishing', 'camera mic', { timeout: 30_000 })
    for (const [i, stage] of stages.entries()) await expectDecoding(stage.videoOf('guest'), `viewer ${i + 1} decodes the guest again`)
  })

  const citizen = await actors.citizen('speaker')
  const speaker = new StagePage(citizen.page, VIDEO_SESSION)
  const nickname = `连麦网友${uid()}`

  await test.step('a third viewer finds the WebRTC audience full (limit 2 on this server) and watches over HLS', async () => {
    await speaker.open()
    await speaker.expectReady('hls')
    await expect(speaker.hlsPlayer).toHaveAttribute('data-state', 'playing', { timeout: 60_000 })
    await expectDecoding(speaker.hlsVideo, 'the HLS viewer decodes the stream')
  })

  await test.step('that citizen asks to speak, the host approves, the citizen publishes and a viewer sees them', async () => {
    await speaker.askToSpeak(nickname)
    await hostStudio.approve(nickname)
    await expect(speaker.request).toHaveAttribute('data-status', 'approved')
    // Camera and microphone open, the join is asked again and now allows publishing, then both go out.
    await expect(speaker.request).toHaveAttribute('data-media', 'on', { timeout: 30_000 })
    await expect(speaker.root).toHaveAttribute('data-can-produce', 'true')
    await expect(speaker.root).toHaveAttribute('data-webrtc', 'true') // a publisher is always on WebRTC
    await expect(speaker.request).toHaveAttribute('data-publishing', 'true', { timeout: 30_000 })
    await expectDecoding(stages[0]!.videoOf('citizen'), 'a viewer decodes the citizen\'s video')
    await expectDecoding(hostStudio.videoOf('citizen'), 'the host sees the citizen')
  })

  await test.step('the host takes the citizen off stage', async () => {
    await hostStudio.remove(nickname)
    await expect(speaker.request).toHaveAttribute('data-status', 'removed')
    await expect(speaker.requestRemoved).toBeVisible()
    await expect(speaker.request).toHaveAttribute('data-publishing', 'false')
    await expect(stages[0]!.member('citizen')).toHaveCount(0)
    await expect(stages[1]!.member('citizen')).toHaveCount(0)
    // The guest is still on air for everyone.
    await expectDecoding(stages[1]!.videoOf('guest'), 'viewer 2 still decodes the guest')
  })

  await test.step('the HLS playlist of the stage exists and its segments download', async () => {
    await expect.poll(() => stages[0]!.hlsUrl(), { message: 'the stage announces an HLS playlist', timeout: 60_000 }).not.toBe('')
    const playlist = new URL(await stages[0]!.hlsUrl(), baseURL).href
    const request = viewers[0]!.page.request
    await expect.poll(async () => (await hlsSegments(request, playlist)).length, { message: 'the playlist lists segments', timeout: 60_000 }).toBeGreaterThan(0)
    for (const segment of await hlsSegments(request, playlist)) {
      const res = await request.get(segment)
      expect(res.status(), segment).toBe(200)
      expect((await res.body()).length, segment).toBeGreaterThan(0)
    }
  })

  await test.step('the host ends the session; the viewers\' stage ends', async () => {
    await hostStudio.endSession()
    for (const stage of stages) await expect(stage.page.getByTestId('session-page')).toHaveAttribute('data-status', 'archived')
  })

  await test.step('the archive plays the recording, which lasts more than 2 s', async () => {
    const archive = new ArchivePage(viewers[0]!.page, VIDEO_SESSION)
    const recording = archive.root.getByTestId('archive-recording')
    // The recorder finishes the file after the end: the archive shows it once it is there.
    await expect(async () => {
      await archive.goto()
      await expect(recording).toBeVisible({ timeout: 2_000 })
    }).toPass({ timeout: 120_000 })
    const url = await recording.getAttribute('data-url')
    expect(url).toBeTruthy()
    const res = await viewers[0]!.page.request.get(new URL(url!, baseURL).href)
    expect(res.status()).toBe(200)
    const file = test.info().outputPath('recording.mp4')
    await writeFile(file, await res.body())
    expect(await probeSeconds(file)).toBeGreaterThan(2)
    // And the browser can play it: metadata loads with a duration.
    await expect.poll(() => recording.evaluate((v: HTMLVideoElement) => (Number.isFinite(v.duration) ? v.duration : 0))).toBeGreaterThan(2)
  })
})
