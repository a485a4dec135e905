import {
  ApiPaths,
  CSRF_HEADER,
  ERROR_CODES,
  type AckErr,
  type ArchiveDto,
  type ArchiveListPageDto,
  type ArchivePageRequest,
  type AssignmentDto,
  type ErrorCode,
  type EventDto,
  type LoginBody,
  type SensitiveWordDto,
  type SessionSummaryDto,
  type StaffUserDto,
  type UploadDto,
} from '@openday/protocol'

/** The protocol's codes, plus two that only exist on the client's side of the wire. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT'

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const isErrorCode = (v: unknown): v is ErrorCode => typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v)

export function fromAck(err: AckErr): ApiError {
  return new ApiError(isErrorCode(err.code) ? err.code : 'INTERNAL', err.message)
}

/** Anything caught becomes an ApiError so the UI has exactly one error shape to translate. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err instanceof TypeError) return new ApiError('NETWORK', err.message)
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err))
}

// When a proxy or a crash answers instead of our server, there is no JSON error body.
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'BAD_REQUEST'
    case 401: return 'UNAUTHENTICATED'
    case 403: return 'FORBIDDEN'
    case 404: return 'NOT_FOUND'
    case 409: return 'CONFLICT'
    case 413: return 'PAYLOAD_TOO_LARGE'
    case 429: return 'RATE_LIMITED'
    default: return 'INTERNAL'
  }
}

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } }
    const code = body.error?.code
    const message = typeof body.error?.message === 'string' ? body.error.message : res.statusText
    return new ApiError(isErrorCode(code) ? code : codeForStatus(res.status), message, res.status)
  } catch {
    return new ApiError(codeForStatus(res.status), res.statusText, res.status)
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export async function request<T>(method: Method, path: string, body?: unknown | FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  // Every mutating request carries the CSRF header: a cross-site form cannot set it.
  if (method !== 'GET') headers[CSRF_HEADER] = '1'
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body // the browser sets the multipart boundary itself
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  let res: Response
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' })
  } catch (err) {
    throw new ApiError('NETWORK', err instanceof Error ? err.message : 'network error')
  }
  if (!res.ok) throw await errorFrom(res)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** A file the server answered, with the name its Content-Disposition gives. */
export interface FileBody { blob: Blob; filename: string }

/** The file name of an `attachment` header: the UTF-8 (RFC 5987) one if there, else the plain one. */
export function attachmentName(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1]
  if (star) {
    try {
      return decodeURIComponent(star.trim())
    } catch {
      // A malformed encoding: the plain name below still names the file.
    }
  }
  return header?.match(/filename="([^"]*)"/i)?.[1] || fallback
}

/**
 * A POST (CSRF header) whose answer is a file, for downloads with side effects that must never be
 * a link a page on another site could make the browser follow (the full exports).
 */
export async function postForFile(path: string, body: unknown, fallbackName: string): Promise<FileBody> {
  let res: Response
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { accept: '*/*', 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch (err) {
    throw new ApiError('NETWORK', err instanceof Error ? err.message : 'network error')
  }
  if (!res.ok) throw await errorFrom(res)
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('content-disposition'), fallbackName) }
}

/** Hands a file held in memory to the browser's downloads, as a click on a link to it would. */
export function saveFile({ blob, filename }: FileBody): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked at once, some browsers cancel the download they have just been handed.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export interface SessionPageDto { session: SessionSummaryDto; event: EventDto }

export const api = {
  me: () => request<StaffUserDto>('GET', ApiPaths.me),
  login: (body: LoginBody) => request<StaffUserDto>('POST', ApiPaths.login, body),
  logout: () => request<unknown>('POST', ApiPaths.logout),
  citizenToken: () => request<{ token: string }>('POST', ApiPaths.citizenToken),
  events: () => request<EventDto[]>('GET', ApiPaths.events),
  event: (id: string) => request<EventDto>('GET', ApiPaths.event(id)),
  session: (id: string) => request<SessionPageDto>('GET', ApiPaths.session(id)),
  assignments: () => request<AssignmentDto[]>('GET', ApiPaths.assignments),
  archiveList: (page: ArchivePageRequest = {}) => request<ArchiveListPageDto>('GET', ApiPaths.archiveList(page)),
  archive: (sessionId: string) => request<ArchiveDto>('GET', ApiPaths.archive(sessionId)),
  sensitiveWords: () => request<SensitiveWordDto[]>('GET', ApiPaths.sensitiveWords),
  addSensitiveWord: (word: string) => request<SensitiveWordDto>('POST', ApiPaths.sensitiveWords, { word }),
  deleteSensitiveWord: (id: string) => request<unknown>('DELETE', ApiPaths.sensitiveWord(id)),
  upload: (sessionId: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<UploadDto>('POST', ApiPaths.uploads(sessionId), form)
  },
}
