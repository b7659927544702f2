/**
 * Cards follow the page they sit on: a dark news site gets a dark card even when the system is
 * light, and a plain page falls back to the reader's colour-scheme preference.
 */
function parseRgba(color: string): [number, number, number, number] | undefined {
  const match = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)/.exec(color);
  if (!match) return undefined;
  const alphaText = match[4];
  const alpha = alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

function relativeLuminance([r, g, b]: [number, number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function isDarkBackground(start: Element | null, win: Window): boolean {
  for (let element = start; element; element = element.parentElement) {
    const rgba = parseRgba(win.getComputedStyle(element).backgroundColor);
    if (rgba && rgba[3] > 0.5) return relativeLuminance(rgba) < 0.25;
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}
