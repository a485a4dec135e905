import type { PhotoBody, PhotoDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const id = (x: string) => encodeURIComponent(x)
const unit = (eid: string) => `/api/unit/events/${id(eid)}/day-photos`

/** Photos of the day (REST; the file is judged by its bytes on the server). */
export const photosApi = {
  list: (eid: string) => request<PhotoDto[]>('GET', unit(eid)),
  add: (eid: string, file: File, caption: string) => { const f = new FormData(); f.append('caption', caption); f.append('file', file); return request<PhotoDto>('POST', unit(eid), f) },
  update: (eid: string, pid: string, body: PhotoBody) => request<PhotoDto>('PUT', `${unit(eid)}/${id(pid)}`, body),
  remove: (eid: string, pid: string) => request<void>('DELETE', `${unit(eid)}/${id(pid)}`),
}
