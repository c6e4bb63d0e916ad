import type { Requirement } from "./coverage";

// Geometry for the per-competency bar chart, shared by the SVG on the page and the PDF.

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
  y: number;
  barWidth: number;
  tested: boolean;
}

export interface ChartLayout {
  width: number;
  height: number;
  labelWidth: number;
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
  labelWidth?: number;
  rowHeight?: number;
  barHeight?: number;
}

export function chartLayout(rows: readonly ChartInput[], options: ChartOptions = {}): ChartLayout {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 220;
  const rowHeight = options.rowHeight ?? 28;
  const barHeight = options.barHeight ?? 16;
  const valueWidth = 80;
  const top = 8;
  const plotX = labelWidth;
  const plotWidth = width - labelWidth - valueWidth;
  const bars = rows.map((row, index) => {
    const value = row.value === null ? 0 : Math.min(1, Math.max(0, row.value));
    return {
      label: row.label,
      valueText: row.value === null ? "not tested" : `${Math.round(value * 100)} %`,
      requirement: row.requirement,
      y: top + index * rowHeight,
      barWidth: Math.round(value * plotWidth * 10) / 10,
      tested: row.value !== null,
    };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => ({ x: plotX + Math.round(t * plotWidth * 10) / 10, label: `${t * 100}` }));
  return { width, height: top + rows.length * rowHeight + 20, labelWidth, plotX, plotWidth, barHeight, rowHeight, top, ticks, bars };
}
