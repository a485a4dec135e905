import { CAMERA_HEIGHT } from './quality.ts'

/** Why a camera or microphone could not be opened, as the page explains it. */
export type MediaProblem = 'denied' | 'notFound' | 'busy' | 'insecure' | 'other'

export function mediaProblem(err: unknown): MediaProblem {
  const name = err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'notFound'
    case 'NotReadableError':
    case 'AbortError':
      return 'busy'
    case 'InsecureContext':
      return 'insecure'
    default:
      return 'other'
  }
}

function mediaDevices(): MediaDevices {
  // getUserMedia exists only on https:// and http://localhost pages.
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw Object.assign(new Error('media devices need a secure context'), { name: 'InsecureContext' })
  }
  return navigator.mediaDevices
}

/** Constraints for a camera at the simulcast's top resolution (the layers are fractions of it). */
export function cameraConstraints(deviceId?: string): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    height: { ideal: CAMERA_HEIGHT },
    width: { ideal: (CAMERA_HEIGHT * 16) / 9 },
    frameRate: { ideal: 25, max: 30 },
  }
}

export function micConstraints(deviceId?: string): MediaTrackConstraints {
  return { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: true, noiseSuppression: true, autoGainControl: true }
}

export async function openCamera(deviceId?: string): Promise<MediaStreamTrack> {
  const stream = await mediaDevices().getUserMedia({ video: cameraConstraints(deviceId) })
  return stream.getVideoTracks()[0]!
}

export async function openMic(deviceId?: string): Promise<MediaStreamTrack> {
  const stream = await mediaDevices().getUserMedia({ audio: micConstraints(deviceId) })
  return stream.getAudioTracks()[0]!
}

/** Camera and microphone with one permission prompt. */
export async function openCameraAndMic(): Promise<{ camera: MediaStreamTrack; mic: MediaStreamTrack }> {
  const stream = await mediaDevices().getUserMedia({ video: cameraConstraints(), audio: micConstraints() })
  return { camera: stream.getVideoTracks()[0]!, mic: stream.getAudioTracks()[0]! }
}

export async function openScreen(): Promise<MediaStreamTrack> {
  const md = mediaDevices()
  if (!md.getDisplayMedia) throw Object.assign(new Error('no getDisplayMedia'), { name: 'NotFoundError' })
  const stream = await md.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false })
  const track = stream.getVideoTracks()[0]!
  track.contentHint = 'detail' // text on slides stays sharp; motion may suffer
  return track
}

/** `label` is empty before access was granted; `n` numbers the devices of a kind for that case. */
export interface DeviceChoice { deviceId: string; label: string; n: number }

/**
 * Cameras and microphones. Labels are empty until the page has been granted access once, so the
 * list is read again after the first getUserMedia.
 */
export async function listDevices(): Promise<{ cameras: DeviceChoice[]; mics: DeviceChoice[] }> {
  const all = await mediaDevices().enumerateDevices()
  const pick = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ deviceId: d.deviceId, label: d.label, n: i + 1 }))
  return { cameras: pick('videoinput'), mics: pick('audioinput') }
}
