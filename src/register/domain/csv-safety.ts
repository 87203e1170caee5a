/** Neutralises a CSV cell that a spreadsheet would run as a formula (= + - @, tab, CR) by prefixing a quote. */
export function neutraliseCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
