export const SESSION_COOKIE = 'od_sid'
