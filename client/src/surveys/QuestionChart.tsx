import { useTranslation } from 'react-i18next'
import type { QuestionResultDto } from '@openday/protocol'
import { type ChartOption, EChart } from '../components/EChart.tsx'

/** A bar chart (a pie for satisfaction) of one question's counts, drawn with ECharts beside the figures. */
export function QuestionChart({ result: r }: { result: QuestionResultDto }) {
  const { t } = useTranslation('surveys')
  const rows = r.kind === 'rating' ? r.distribution.map((d) => ({ name: String(d.value), value: d.count }))
    : r.kind === 'single' || r.kind === 'multiple' || r.kind === 'satisfaction' ? r.options.map((o) => ({ name: o.label, value: o.count }))
      : []
  const option: ChartOption = r.kind === 'satisfaction'
    ? { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: ['35%', '70%'], data: rows, label: { formatter: '{b}\n{d}%' } }] }
    : {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: rows.map((x) => x.name), inverse: true },
        series: [{ type: 'bar', data: rows.map((x) => x.value), itemStyle: { color: '#9f1d20' } }],
      }
  return <EChart option={option} className="h-56 w-full" label={t('chartOf', { title: r.title })} testId={`chart-${r.id}`} />
}
