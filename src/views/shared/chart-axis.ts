/** Props of a recharts y-axis label: the title turned to read upwards, centred, `offset` px left of the ticks. */
export function yAxisTitle(value: string, offset = 6) {
  return { value, angle: -90, position: 'left', offset, style: { textAnchor: 'middle' } } as const;
}
