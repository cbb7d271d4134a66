import { type EventField, multiLine, oneLine, type Segment } from '../render/index.js';

/** A value's segments as plain text on one line. */
export function segmentsText(value: readonly Segment[]): string {
  return oneLine(value.map((s) => s.text).join(''));
}

/** `Label: value` at `indent`, then the field's block (an error message) indented further. */
export function fieldTextLines(field: EventField, indent: string): string[] {
  const value = segmentsText(field.value);
  const lines = [`${indent}${field.label}:${value === '' ? '' : ` ${value}`}`];
  if (field.block !== undefined) {
    for (const line of multiLine(field.block).split('\n')) lines.push(`${indent}  ${line}`);
  }
  return lines;
}
