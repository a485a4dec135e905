import 'i18next'
import type zhCN from './zh-CN.json'
import type { AreaNamespaces } from './namespaces.ts'

// Typed keys: a misspelt or missing translation key fails `tsc`, not a user's screen.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof zhCN } & AreaNamespaces
  }
}
