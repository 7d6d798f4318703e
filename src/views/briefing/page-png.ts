/**
 * A PNG of the printed page, made in the browser: the page's DOM, as it prints (screen-only parts removed,
 * print-only parts shown), inside an SVG <foreignObject> with the app's own style rules and the web font's
 * subsets that its text needs embedded (an SVG image may load nothing), drawn on a canvas at `scale` × the page's
 * CSS pixels. The maps and charts are SVG already, so they come out as sharp as the text.
 */
export async function renderPagePng(page: HTMLElement, scale = 2): Promise<Uint8Array> {
  const width = Math.ceil(page.offsetWidth);
  const height = Math.ceil(page.offsetHeight);
  const clone = page.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('.no-print').forEach((n) => n.remove());
  clone.querySelectorAll('.print-only').forEach((n) => n.classList.remove('print-only'));
  clone.style.margin = '0';
  clone.style.boxShadow = 'none';
  const css = await collectStyles(clone.textContent ?? '');
  const html = new XMLSerializer().serializeToString(clone);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<foreignObject x="0" y="0" width="100%" height="100%">` +
    `<div xmlns="http://www.w3.org/1999/xhtml" style="width:${width}px;height:${height}px;background:#fff">` +
    `<style>${escapeStyle(css)}</style>${html}</div></foreignObject></svg>`;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas');
  const draw = () => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.drawImage(image, 0, 0, width, height);
  };
  // An SVG image does not wait for its web fonts before it first paints: draw again until two draws agree.
  draw();
  let last = fingerprint(ctx, canvas);
  for (let i = 0, same = 0; i < FONT_WAIT_STEPS && same < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS));
    draw();
    const next = fingerprint(ctx, canvas);
    same = next === last ? same + 1 : 0;
    last = next;
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the page could not be drawn');
  return new Uint8Array(await blob.arrayBuffer());
}

const FONT_WAIT_MS = 150;
const FONT_WAIT_STEPS = 40;

/** A cheap signature of the canvas's pixels (every 61st byte), to tell whether a redraw changed anything. */
function fingerprint(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement): number {
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 0;
  for (let i = 0; i < data.length; i += 61) h = (h * 31 + data[i]!) | 0;
  return h;
}

function escapeStyle(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}

/** The document's style rules (same origin, so readable), the font faces replaced by embedded ones. */
async function collectStyles(text: string): Promise<string> {
  const rules: string[] = [];
  const faces: Promise<string | null>[] = [];
  const needed = new Set([...text].map((c) => c.codePointAt(0)!));
  for (const sheet of Array.from(document.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(list)) {
      if (rule instanceof CSSFontFaceRule) {
        if (coversAny(rule.style.getPropertyValue('unicode-range'), needed)) faces.push(embedFace(rule, sheet.href));
      } else {
        rules.push(rule.cssText);
      }
    }
  }
  const embedded = (await Promise.all(faces)).filter((f): f is string => f !== null);
  return [...embedded, ...rules].join('\n');
}

/** Whether a unicode-range (absent: everything) holds one of the code points: U+4E00, U+4E00-4EFF, U+4E?? … */
function coversAny(range: string, needed: ReadonlySet<number>): boolean {
  if (!range.trim()) return true;
  return range.split(',').some((part) => {
    const [a = '', b] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = parseInt(a.replace(/\?/g, '0'), 16);
    const hi = parseInt((b ?? a).replace(/\?/g, 'F'), 16);
    for (const cp of needed) if (cp >= lo && cp <= hi) return true;
    return false;
  });
}

/** The font face with its file inlined as a data URL (fetched from the app's own origin). */
async function embedFace(rule: CSSFontFaceRule, base: string | null): Promise<string | null> {
  const src = rule.style.getPropertyValue('src');
  const url = /url\((['"]?)([^'")]+)\1\)/.exec(src)?.[2];
  if (!url) return null;
  try {
    const response = await fetch(new URL(url, base ?? document.baseURI));
    if (!response.ok) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const type = url.endsWith('.woff2') ? 'font/woff2' : url.endsWith('.woff') ? 'font/woff' : 'font/ttf';
    return rule.cssText.replace(src, `url(data:${type};base64,${btoa(binary)})`);
  } catch {
    return null;
  }
}
