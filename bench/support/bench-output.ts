/** Benchmarks print exactly one JSON line per figure on stdout; everything else goes to stderr. */
export function reportFigure(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value, unit })}\n`);
}

export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
