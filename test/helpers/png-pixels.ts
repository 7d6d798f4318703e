import { PNG } from 'pngjs';

/** How many pixels of a PNG screenshot match `test` (r, g, b, a 0–255). */
export function countPixels(png: Buffer, test: (r: number, g: number, b: number, a: number) => boolean): number {
  const { data } = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (test(data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!)) n++;
  }
  return n;
}
