import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import zhCN from './zh-CN.json'
import en from './en.json'
import { namespaces } from './namespaces.ts'
import { readString, writeString } from '../lib/storage.ts'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const LANG_KEY = 'openday:lang'

// Simplified Chinese is the default whatever the browser says: this is a Chinese city's
// service; English is an explicit choice, remembered on the device.
function initialLanguage(): Language {
  const stored = readString(LANG_KEY)
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN'
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN'
}

export function setLanguage(lang: Language): void {
  void i18n.changeLanguage(lang)
}

i18n.on('languageChanged', (lng) => {
  writeString(LANG_KEY, lng)
  document.documentElement.lang = lng
  document.title = i18n.t('app.documentTitle')
})

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN, ...namespaces['zh-CN'] }, en: { translation: en, ...namespaces.en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  // React escapes text itself; escaping here would show "&lt;" to users.
  interpolation: { escapeValue: false },
  returnNull: false,
})

document.documentElement.lang = i18n.language
document.title = i18n.t('app.documentTitle')

export default i18n
