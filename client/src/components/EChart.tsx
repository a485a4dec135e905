import { useEffect, useRef } from 'react'
import { init, use as registerCharts, type ComposeOption, type ECharts } from 'echarts/core'
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts'
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

// Only the parts the charts use (hotline figures, the assessment board): bars, a pie, grid, tooltip and the SVG renderer
// (crisp on a venue projector, and lighter than the canvas one with these few shapes).
registerCharts([BarChart, PieChart, GridComponent, TooltipComponent, SVGRenderer])

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption>

interface Props {
  option: ChartOption
  className?: string
  /** What the chart shows, for screen readers (the figures are also in a table next to it). */
  label: string
  testId?: string
}

/** An ECharts instance bound to a div: created once, updated in place, resized with its box. */
export function EChart({ option, className, label, testId }: Props) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)

  useEffect(() => {
    if (!el.current) return
    const c = init(el.current, undefined, { renderer: 'svg' })
    chart.current = c
    const ro = new ResizeObserver(() => c.resize())
    ro.observe(el.current)
    return () => {
      ro.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    // Merged, not replaced: bars grow from their old length instead of redrawing from zero.
    chart.current?.setOption(option)
  }, [option])

  return <div ref={el} className={className} role="img" aria-label={label} data-testid={testId} />
}
