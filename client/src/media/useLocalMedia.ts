import { useCallback, useEffect, useRef, useState } from 'react'
import type { MediaSource } from '@openday/protocol'
import { readString, writeString } from '../lib/storage.ts'
import { listDevices, mediaProblem, openCamera, openMic, openScreen, type DeviceChoice, type MediaProblem } from './devices.ts'
import type { Stage } from './useStage.ts'

const CAMERA_KEY = 'openday:camera'
const MIC_KEY = 'openday:mic'

export interface LocalMedia {
  started: boolean
  camera: MediaStreamTrack | null
  screen: MediaStreamTrack | null
  cameras: DeviceChoice[]
  mics: DeviceChoice[]
  cameraId: string
  micId: string
  cameraOn: boolean
  micOn: boolean
  problem: MediaProblem | null
  busy: boolean
  start: () => Promise<void>
  stop: () => void
  chooseCamera: (deviceId: string) => Promise<void>
  chooseMic: (deviceId: string) => Promise<void>
  setCameraOn: (on: boolean) => void
  setMicOn: (on: boolean) => void
  shareScreen: () => Promise<void>
  stopScreen: () => void
}

/** Opens a device by id, falling back to the default one when the remembered device is gone. */
async function openPreferred(open: (id?: string) => Promise<MediaStreamTrack>, id: string): Promise<MediaStreamTrack> {
  if (!id) return open()
  try {
    return await open(id)
  } catch (err) {
    if (mediaProblem(err) === 'notFound') return open()
    throw err
  }
}

/**
 * The studio's own camera, microphone and screen, handed to the stage as they change. Off means
 * paused (the producer stays, so turning back on is instant and the layout does not reshuffle);
 * device switches replace the track in the running producer.
 */
export function useLocalMedia(stage: Pick<Stage, 'setLocal' | 'setPaused'>): LocalMedia {
  const { setLocal, setPaused } = stage
  const [camera, setCamera] = useState<MediaStreamTrack | null>(null)
  const [mic, setMic] = useState<MediaStreamTrack | null>(null)
  const [screen, setScreen] = useState<MediaStreamTrack | null>(null)
  const [devices, setDevices] = useState<{ cameras: DeviceChoice[]; mics: DeviceChoice[] }>({ cameras: [], mics: [] })
  const [cameraId, setCameraId] = useState(() => readString(CAMERA_KEY) ?? '')
  const [micId, setMicId] = useState(() => readString(MIC_KEY) ?? '')
  const [cameraOn, setCameraOnState] = useState(true)
  const [micOn, setMicOnState] = useState(true)
  const [problem, setProblem] = useState<MediaProblem | null>(null)
  const [busy, setBusy] = useState(false)
  // Every track we opened, so leaving the page turns the camera light off whatever happened.
  const opened = useRef(new Set<MediaStreamTrack>())
  // The screen track is also ended from a DOM event listener, which sees no fresh state: a ref.
  const screenRef = useRef<MediaStreamTrack | null>(null)

  const track = useCallback((t: MediaStreamTrack) => {
    opened.current.add(t)
    return t
  }, [])
  const release = useCallback((t: MediaStreamTrack | null) => {
    if (!t) return
    t.stop()
    opened.current.delete(t)
  }, [])

  const refreshDevices = useCallback(() => {
    listDevices().then(setDevices, () => undefined)
  }, [])

  useEffect(() => {
    const md = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
    if (!md?.addEventListener) return
    md.addEventListener('devicechange', refreshDevices)
    return () => md.removeEventListener('devicechange', refreshDevices)
  }, [refreshDevices])

  useEffect(() => {
    const all = opened.current
    return () => {
      for (const t of all) t.stop()
      all.clear()
    }
  }, [])

  const run = async (step: () => Promise<void>) => {
    setBusy(true)
    setProblem(null)
    try {
      await step()
    } catch (err) {
      setProblem(mediaProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const start = () => run(async () => {
    const c = track(await openPreferred(openCamera, cameraId))
    let m: MediaStreamTrack
    try {
      m = track(await openPreferred(openMic, micId))
    } catch (err) {
      release(c)
      throw err
    }
    c.enabled = cameraOn
    m.enabled = micOn
    setCamera(c)
    setMic(m)
    setLocal('camera', c)
    setLocal('mic', m)
    refreshDevices() // labels are readable only now that access was granted
  })

  const stop = useCallback(() => {
    setLocal('camera', null)
    setLocal('mic', null)
    setLocal('screen', null)
    for (const t of opened.current) t.stop()
    opened.current.clear()
    screenRef.current = null
    setCamera(null)
    setMic(null)
    setScreen(null)
  }, [setLocal])

  const choose = (source: Extract<MediaSource, 'camera' | 'mic'>, deviceId: string) => run(async () => {
    const isCamera = source === 'camera'
    writeString(isCamera ? CAMERA_KEY : MIC_KEY, deviceId)
    if (isCamera) setCameraId(deviceId)
    else setMicId(deviceId)
    const old = isCamera ? camera : mic
    if (!old) return // not started yet: the choice applies at start
    const next = track(await (isCamera ? openCamera(deviceId) : openMic(deviceId)))
    next.enabled = isCamera ? cameraOn : micOn
    setLocal(source, next) // replaces the track in the running producer
    if (isCamera) setCamera(next)
    else setMic(next)
    release(old)
  })

  const setCameraOn = (on: boolean) => {
    setCameraOnState(on)
    if (camera) camera.enabled = on
    setPaused('camera', !on)
  }
  const setMicOn = (on: boolean) => {
    setMicOnState(on)
    if (mic) mic.enabled = on
    setPaused('mic', !on)
  }

  const stopScreen = useCallback(() => {
    setLocal('screen', null)
    release(screenRef.current)
    screenRef.current = null
    setScreen(null)
  }, [setLocal, release])

  const shareScreen = () => run(async () => {
    const s = track(await openScreen())
    // The browser's own "stop sharing" bar ends the track without asking us.
    s.addEventListener('ended', stopScreen)
    release(screenRef.current)
    screenRef.current = s
    setScreen(s)
    setLocal('screen', s)
  })

  return {
    started: camera !== null || mic !== null, camera, screen, cameras: devices.cameras, mics: devices.mics, cameraId, micId,
    cameraOn, micOn, problem, busy, start, stop, chooseCamera: (id) => choose('camera', id), chooseMic: (id) => choose('mic', id),
    setCameraOn, setMicOn, shareScreen, stopScreen,
  }
}
