/** The DOM id of a composer input, from its field name (dots are valid in ids). */
export function fieldId(name: string): string {
  return `f-${name}`;
}
