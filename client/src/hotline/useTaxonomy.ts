import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppealTypeDto, DomainDto, TaxonomyDto } from '@openday/protocol'
import { useAsync, type AsyncState } from '../lib/useAsync.ts'
import { hotlineApi } from './api.ts'
import { labelOf } from './picker.ts'

export interface Taxonomy {
  state: AsyncState<TaxonomyDto>
  domains: DomainDto[]
  appealTypes: AppealTypeDto[]
  domainLabel: (id: string) => string
  typeLabel: (id: string) => string
  appealType: (id: string) => AppealTypeDto | undefined
}

const byOrder = (a: DomainDto, b: DomainDto) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN')

/** Domains and appeal types (public: the board needs the labels), sorted, with label lookups. */
export function useTaxonomy(): Taxonomy {
  const { t, i18n } = useTranslation()
  const state = useAsync(() => hotlineApi.taxonomy(), 'hotline-taxonomy')
  const lang = i18n.language
  return useMemo(() => {
    const domains = [...(state.data?.domains ?? [])].sort(byOrder)
    const appealTypes = [...(state.data?.appealTypes ?? [])].sort(byOrder)
    const dMap = new Map(domains.map((d) => [d.id, d]))
    const tMap = new Map(appealTypes.map((d) => [d.id, d]))
    const unknown = t('hotline.unknownCategory')
    return {
      state,
      domains,
      appealTypes,
      domainLabel: (id: string) => { const d = dMap.get(id); return d ? labelOf(d, lang) : unknown },
      typeLabel: (id: string) => { const d = tMap.get(id); return d ? labelOf(d, lang) : unknown },
      appealType: (id: string) => tMap.get(id),
    }
  }, [state, lang, t])
}
