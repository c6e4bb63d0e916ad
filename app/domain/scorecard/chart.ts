import type { Requirement } from "./coverage";

// Geometry for the per-competency bar chart. Each label sits on its own line above its bar, so
// the chart keeps a narrow viewBox and its text stays readable when a phone scales it down.

export interface ChartInput {
  label: string;
  /** 0..1, null when nothing was tested. */
  value: number | null;
  requirement: Requirement | "not-in-jd";
}

export interface ChartBar {
  label: string;
  valueText: string;
  requirement: Requirement | "not-in-jd";
  /** Baseline of the label line. */
  labelY: number;
  /** Top of the bar. */
  y: number;
  barWidth: number;
  tested: boolean;
}

export interface ChartLayout {
  width: number;
  height: number;
  plotX: number;
  plotWidth: number;
  barHeight: number;
  rowHeight: number;
  top: number;
  ticks: { x: number; label: string }[];
  bars: ChartBar[];
}

export interface ChartOptions {
  width?: number;
  rowHeight?: number;
  barHeight?: number;
}

const LABEL_LINE = 16;
const AXIS = 20;

export function chartLayout(rows: readonly ChartInput[], options: ChartOptions = {}): ChartLayout {
  const width = options.width ?? 360;
  const rowHeight = options.rowHeight ?? 40;
  const barHeight = options.barHeight ?? 14;
  const top = 4;
  const plotX = 0;
  const plotWidth = width;
  const bars = rows.map((row, index) => {
    const value = row.value === null ? 0 : Math.min(1, Math.max(0, row.value));
    const rowTop = top + index * rowHeight;
    return {
      label: row.label,
      valueText: row.value === null ? "not tested" : `${Math.round(value * 100)} %`,
      requirement: row.requirement,
      labelY: rowTop + LABEL_LINE - 4,
      y: rowTop + LABEL_LINE,
      barWidth: Math.round(value * plotWidth * 10) / 10,
      tested: row.value !== null,
    };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => ({ x: plotX + Math.round(t * plotWidth * 10) / 10, label: `${t * 100}` }));
  return { width, height: top + rows.length * rowHeight + AXIS, plotX, plotWidth, barHeight, rowHeight, top, ticks, bars };
}
