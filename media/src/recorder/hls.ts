// The HLS playlist between ffmpeg runs (never while one writes it): how much it holds, its
// #EXT-X-ENDLIST, which only stop() writes (runs use omit_endlist) and a new run removes,
// and segments a run left empty (stopped before its first frame), which are dropped.
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

const ENDLIST = '#EXT-X-ENDLIST'

export interface PlaylistState {
  segments: number
  /** Sum of the segments' #EXTINF. */
  seconds: number
  /** Absolute path of the last listed segment. */
  lastSegment?: string
}

export function measurePlaylist(text: string, dir = '.'): PlaylistState {
  let segments = 0
  let seconds = 0
  let last: string | undefined
  for (const line of text.split('\n')) {
    if (line.startsWith('#EXTINF:')) {
      segments++
      seconds += Number.parseFloat(line.slice('#EXTINF:'.length)) || 0
    } else if (line.trim() && !line.startsWith('#')) {
      last = line.trim()
    }
  }
  return { segments, seconds, ...(last ? { lastSegment: join(dir, last) } : {}) }
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
  return text === undefined ? { segments: 0, seconds: 0 } : measurePlaylist(text, dirname(path))
}

/**
 * 'open' before a run appends (an ended playlist becomes live again); 'ended' after the
 * last run (players stop polling; the HLS demuxer reads it as a whole file). Either way
 * entries whose segment is missing or empty are dropped, so that ffmpeg numbers the next
 * segment after the last real one and the remux never meets an empty file.
 */
export async function tidyPlaylist(path: string, state: 'open' | 'ended'): Promise<PlaylistState> {
  const text = await read(path)
  if (text === undefined) return { segments: 0, seconds: 0 }
  const dir = dirname(path)
  const kept: string[] = []
  let entry: string[] = [] // the tags before a segment's URI, then the URI
  for (const line of text.split('\n')) {
    const tag = line.trim()
    if (!tag || tag === ENDLIST) continue
    if (!tag.startsWith('#')) {
      const size = await stat(join(dir, tag)).then((s) => s.size, () => 0)
      if (size > 0) kept.push(...entry, line)
      else await unlink(join(dir, tag)).catch(() => undefined)
      entry = []
    } else if (tag.startsWith('#EXTINF:') || tag.startsWith('#EXT-X-DISCONTINUITY') || entry.length > 0) {
      entry.push(line)
    } else {
      kept.push(line) // playlist header
    }
  }
  const tidied = measurePlaylist(kept.join('\n'), dir)
  if (state === 'ended' && tidied.segments > 0) kept.push(ENDLIST)
  const next = kept.join('\n') + '\n'
  if (next !== text) await replace(path, next)
  return tidied
}
