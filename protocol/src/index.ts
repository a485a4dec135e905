export * from './common.ts'
export * from './dto.ts'
export * from './live.ts'
export * from './rest.ts'
