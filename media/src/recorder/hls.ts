// The HLS playlist between ffmpeg runs: how much it holds, and its #EXT-X-ENDLIST, which
// only stop() writes (ffmpeg runs with omit_endlist) and a new recorder removes again.
import { readFile, rename, writeFile } from 'node:fs/promises'

const ENDLIST = '#EXT-X-ENDLIST'

export interface PlaylistState {
  segments: number
  seconds: number
}

export function measurePlaylist(text: string): PlaylistState {
  let segments = 0
  let seconds = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith('#EXTINF:')) continue
    segments++
    seconds += Number.parseFloat(line.slice('#EXTINF:'.length)) || 0
  }
  return { segments, seconds }
}

async function read(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
}

/** Live players may be polling the file: replace it whole, never leave it half written. */
async function replace(path: string, text: string): Promise<void> {
  await writeFile(`${path}.edit`, text)
  await rename(`${path}.edit`, path)
}

export async function playlistState(path: string): Promise<PlaylistState> {
  const text = await read(path)
  return text === undefined ? { segments: 0, seconds: 0 } : measurePlaylist(text)
}

/** Before a run appends to it: an ended playlist becomes live again. */
export async function reopenPlaylist(path: string): Promise<PlaylistState> {
  const text = await read(path)
  if (text === undefined) return { segments: 0, seconds: 0 }
  if (text.includes(ENDLIST)) {
    await replace(path, text.split('\n').filter((line) => line.trim() !== ENDLIST).join('\n'))
  }
  return measurePlaylist(text)
}

/** After the last run: players stop polling, and the HLS demuxer reads it as a whole file. */
export async function endPlaylist(path: string): Promise<PlaylistState> {
  const text = await read(path)
  if (text === undefined) return { segments: 0, seconds: 0 }
  const state = measurePlaylist(text)
  if (state.segments > 0 && !text.includes(ENDLIST)) {
    await replace(path, `${text}${text.endsWith('\n') ? '' : '\n'}${ENDLIST}\n`)
  }
  return state
}
